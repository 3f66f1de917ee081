//! Clusters articles into stories and events, and counts independent origins.
