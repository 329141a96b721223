fn main() {
    std::process::exit(ftnote::cli::run(std::env::args_os()));
}
