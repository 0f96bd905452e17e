//! Entry point: logging, then the command line (`opendetat help`).

fn main() {
    opendetat::logging::init();
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Err(message) = opendetat::cli::run(args) {
        log::error!("{message}");
        eprintln!("opendetat: {message}");
        std::process::exit(1);
    }
}
