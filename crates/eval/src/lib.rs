//! Scores wiretrace's stages against labelled data sets.
