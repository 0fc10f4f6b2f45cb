fn main() {
    steady::start();
}
