//! The authenticator app of the two-factor tests: `pyotp` (PyPI), an implementation of RFC 6238
//! independent of the server's, fed what a person would scan.

use std::process::Command;

/// What the app shows for the secret (base 32) `steps` steps of 30 seconds from now (0: now).
pub fn code(secret: &str, steps: i64) -> String {
    run(&format!("print(pyotp.TOTP({secret:?}).at(time.time() + {steps} * 30))"))
}

/// The secret an app reads from an `otpauth://` address, and the issuer it shows: what the QR
/// code carries, read by the app's own parser.
pub fn scan(otpauth_uri: &str) -> (String, String) {
    let out = run(&format!("t = pyotp.parse_uri({otpauth_uri:?}); print(t.secret); print(t.issuer); print(t.name)"));
    let mut lines = out.lines();
    (lines.next().unwrap_or_default().to_string(), lines.next().unwrap_or_default().to_string())
}

fn run(script: &str) -> String {
    let out = Command::new(crate::smtp::python())
        .args(["-c", &format!("import pyotp, time\n{script}")])
        .output()
        .expect("run the tests' Python (tests/smtp/venv.sh)");
    assert!(out.status.success(), "pyotp: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}
