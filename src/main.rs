//! The `wsdissect` command; everything it does is in the library (`wsdissect::cli`).

fn main() {
    std::process::exit(wsdissect::cli::main());
}
