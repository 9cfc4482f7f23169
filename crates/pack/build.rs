//! Rebuilds the crate whenever the pack changes: rust-embed reads
//! `content/` while the crate compiles, and cargo cannot know that on its own.

fn main() {
    println!("cargo:rerun-if-changed=../../content");
}
