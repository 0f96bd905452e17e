//! Files through the API (uploads as raw bytes, downloads read as bytes) and a real
//! S3-compatible store for the documents' S3 path: moto in server mode, from the tests' venv.

use std::io::Read;
use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::{Resp, TestApp};

/// A download: status, headers, and the body as bytes.
pub struct Download {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub bytes: Vec<u8>,
}

impl Download {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

impl TestApp {
    /// `PUT /documents/{id}/file?filename=…` with `bytes` as the body, with its length, or
    /// chunked without one (`chunked`: the server cannot know the size before reading it).
    pub fn upload(&self, document: i64, filename: &str, token: Option<&str>, bytes: &[u8], chunked: bool) -> Resp {
        let url =
            format!("{}?filename={}", self.api(&format!("/documents/{document}/file")), filename.replace(' ', "%20"));
        let mut req = self.agent.put(&url).set("Content-Type", "application/octet-stream");
        if let Some(t) = token {
            req = req.set("Authorization", &format!("Bearer {t}"));
        }
        let result = if chunked { req.send(std::io::Cursor::new(bytes.to_vec())) } else { req.send_bytes(bytes) };
        let response = match result {
            Ok(r) => r,
            Err(ureq::Error::Status(_, r)) => r,
            Err(e) => panic!("PUT {url}: {e}"),
        };
        let status = response.status();
        let headers = response
            .headers_names()
            .into_iter()
            .map(|n| (n.clone(), response.header(&n).unwrap_or("").to_string()))
            .collect();
        Resp { status, headers, text: response.into_string().unwrap_or_default() }
    }

    /// A GET read as bytes (`path` under `/api/v1`, or absolute from `/api/`).
    pub fn download(&self, path: &str) -> Download {
        let url = if path.starts_with("/api/") { format!("{}{path}", self.base) } else { self.api(path) };
        let response = match self.agent.get(&url).set("Accept-Encoding", "identity").call() {
            Ok(r) => r,
            Err(ureq::Error::Status(_, r)) => r,
            Err(e) => panic!("GET {url}: {e}"),
        };
        let status = response.status();
        let headers = response
            .headers_names()
            .into_iter()
            .map(|n| (n.clone(), response.header(&n).unwrap_or("").to_string()))
            .collect();
        let mut bytes = Vec::new();
        response.into_reader().read_to_end(&mut bytes).expect("read the download");
        Download { status, headers, bytes }
    }
}

/// An S3-compatible server (moto) on a free port, with one bucket; stopped when dropped.
pub struct S3Store {
    child: Child,
    pub endpoint: String,
    pub bucket: String,
}

impl S3Store {
    /// Starts moto with the tests' Python (`SMTP_SINK_PYTHON`, set by `make test`, or the venv
    /// `tests/smtp/venv.sh` makes) and creates the bucket `opendetat-documents`.
    pub fn start() -> S3Store {
        let python = std::env::var("SMTP_SINK_PYTHON").unwrap_or_else(|_| {
            let out =
                Command::new(crate::workspace_root().join("tests/smtp/venv.sh")).output().expect("tests/smtp/venv.sh");
            String::from_utf8_lossy(&out.stdout).trim().to_string()
        });
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new(&python)
            .args(["-m", "moto.server", "-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start moto (run the tests through `make test`, which installs it)");
        let endpoint = format!("http://127.0.0.1:{port}");
        let bucket = "opendetat-documents".to_string();
        let agent = ureq::AgentBuilder::new().timeout(Duration::from_secs(5)).build();
        let started = Instant::now();
        // moto needs no signature to create a bucket.
        while agent.put(&format!("{endpoint}/{bucket}")).call().is_err() {
            assert!(started.elapsed() < Duration::from_secs(30), "moto did not start on {endpoint}");
            std::thread::sleep(Duration::from_millis(100));
        }
        S3Store { child, endpoint, bucket }
    }

    /// The environment that points the server at this store.
    pub fn env(&self) -> Vec<(&'static str, String)> {
        vec![
            ("DOCUMENTS_STORE", "s3".into()),
            ("DOCUMENTS_S3_BUCKET", self.bucket.clone()),
            ("AWS_ENDPOINT", self.endpoint.clone()),
            ("AWS_ALLOW_HTTP", "true".into()),
            ("AWS_REGION", "us-east-1".into()),
            ("AWS_ACCESS_KEY_ID", "test".into()),
            ("AWS_SECRET_ACCESS_KEY", "test".into()),
        ]
    }

    /// The keys of the objects in the bucket (ListObjectsV2, read as the XML it is).
    pub fn keys(&self) -> Vec<String> {
        let body = ureq::get(&format!("{}/{}?list-type=2", self.endpoint, self.bucket))
            .call()
            .expect("list the bucket")
            .into_string()
            .unwrap();
        body.split("<Key>").skip(1).filter_map(|part| part.split("</Key>").next()).map(str::to_string).collect()
    }
}

impl Drop for S3Store {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
