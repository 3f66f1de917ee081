//! Runs wiretrace's stages in order over a batch of inputs, reporting progress and rejections.
