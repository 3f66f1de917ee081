//! Embeds the bundled demo corpus (`corpus/demo/*.txt` at the workspace root) into the binary,
//! so `wiretrace demo` works from any directory without the repository at hand.
use std::{env, fs, path::Path};

fn main() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/demo");
    println!("cargo:rerun-if-changed={}", corpus.display());
    let mut files: Vec<_> = fs::read_dir(&corpus)
        .expect("corpus/demo exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt" || x == "jsonl"))
        .collect();
    files.sort();
    let mut out = String::from(
        "/// The demo corpus: (file name, contents).\npub const DEMO_CORPUS: &[(&str, &[u8])] = &[\n",
    );
    for f in files {
        println!("cargo:rerun-if-changed={}", f.display());
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        let abs = fs::canonicalize(&f).unwrap();
        out.push_str(&format!("    ({name:?}, include_bytes!({:?})),\n", abs.display().to_string()));
    }
    out.push_str("];\n");
    fs::write(Path::new(&env::var("OUT_DIR").unwrap()).join("demo_corpus.rs"), out).unwrap();
}
