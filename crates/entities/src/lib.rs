//! People, organisations and places: mention tagging and one entity per spelling.
