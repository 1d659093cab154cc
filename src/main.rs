fn main() {
    std::process::exit(wsdissect::cli::main());
}
