//! Finds passages articles share, the direction of copying, and the origins of their reporting.
