//! Direct and indirect quotes with speaker and medium.
