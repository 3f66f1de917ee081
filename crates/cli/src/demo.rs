//! The example corpus bundled with wiretrace: fictional articles the team wrote to imitate real
//! coverage (wire copies, rewrites, a broadcaster interview, boilerplate, misspelled names). Its
//! ground truth is `corpus/demo/TRUTH.md`.

include!(concat!(env!("OUT_DIR"), "/demo_corpus.rs"));
