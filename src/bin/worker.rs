//! The import worker's entry point; see [`opsbrief::worker`].

fn main() {
    opsbrief::worker::run();
}
