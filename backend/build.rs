// The migrations are embedded in the binary (`db::MIGRATIONS`): rebuild when they change.
fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
