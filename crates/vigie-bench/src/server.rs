//! The server under test: the real `vigie serve`, started as a second process on a
//! random port with a fresh data folder, then set up over HTTP like a first visitor.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use anyhow::{Context, bail};

/// A running `vigie serve`; killed when dropped.
pub struct Server {
    child: Child,
    pub base: String,
    pub setup_link: Option<String>,
    /// Kept alive for the server's duration (SQLite file, keys, blobs).
    _data: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// How to start the server.
pub struct ServeOptions<'a> {
    pub binary: &'a Path,
    /// `--database`; `None` for the embedded SQLite in the data folder.
    pub database: Option<&'a str>,
    /// `--log`.
    pub log: &'a str,
}

impl Server {
    /// Starts the server with intake caps high enough never to refuse the load, and
    /// waits for its address.
    pub fn start(opts: &ServeOptions<'_>) -> anyhow::Result<Self> {
        let data = tempfile::Builder::new().prefix("vigie-bench-").tempdir()?;
        let mut cmd = Command::new(opts.binary);
        cmd.env_remove("VIGIE_DATA")
            .env_remove("VIGIE_DATABASE_URL")
            .env_remove("VIGIE_CONFIG")
            .args(["serve", "--listen", "127.0.0.1:0", "--log", opts.log])
            .args(["--reports-per-address-per-hour", "1000000", "--reports-per-hour", "1000000", "--data"])
            .arg(data.path().join("data"))
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        if let Some(db) = opts.database {
            cmd.args(["--database", db]);
        }
        let mut child = cmd.spawn().with_context(|| format!("cannot start {}", opts.binary.display()))?;
        let stdout = child.stdout.take().context("the server's stdout")?;
        let mut lines = BufReader::new(stdout).lines();
        let first = match lines.next() {
            Some(line) => line?,
            None => {
                let status = child.wait()?;
                bail!("the server exited before printing its address ({status})");
            }
        };
        let base = first
            .strip_prefix("Vigie listening on ")
            .with_context(|| format!("unexpected first line {first:?}"))?
            .to_owned();
        let second = lines.next().context("a second line")??;
        let setup_link = second
            .find("/setup?token=")
            .and_then(|_| second.find("http://"))
            .and_then(|i| second[i..].split_whitespace().next().map(str::to_owned));
        // Keep reading so that the server never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        Ok(Self { child, base, setup_link, _data: data })
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Completes the one-time setup over HTTP, so that an organization exists to
    /// receive reports.
    pub async fn set_up(&self) -> anyhow::Result<()> {
        let link = self.setup_link.as_deref().context("a fresh data folder prints a setup link")?;
        let token = link.split("token=").nth(1).context("a token in the setup link")?;
        let client = browser()?;
        let page = client.get(link).send().await?.text().await?;
        let csrf = csrf_of(&page).context("a CSRF token in the setup form")?;
        let password = "une phrase de passe pour le banc d'essai";
        let form = [
            ("csrf", csrf.as_str()),
            ("token", token),
            ("org_name", "Réseau du banc d'essai"),
            ("org_slug", "banc"),
            ("display_name", "Admin"),
            ("username", "admin"),
            ("password", password),
            ("password_confirm", password),
        ];
        let r = client.post(format!("{}/setup", self.base)).form(&form).send().await?;
        let status = r.status();
        let body = r.text().await?;
        if !status.is_success() || !body.contains("VIGIE-RK-") {
            bail!("setup failed with {status}");
        }
        Ok(())
    }
}

/// A client like a browser without JavaScript: its own cookie jar, no redirects followed.
pub fn browser() -> anyhow::Result<reqwest::Client> {
    Ok(reqwest::Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build()?)
}

/// The value of the form's hidden `csrf` input.
pub fn csrf_of(html: &str) -> Option<String> {
    Some(html.split("name=\"csrf\" value=\"").nth(1)?.split('"').next()?.to_owned())
}

/// `target/release/vigie` beside this benchmark's own binary, when it was built there.
pub fn default_binary() -> PathBuf {
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join("vigie")))
        .filter(|p| p.exists())
        .unwrap_or_else(|| PathBuf::from("target/release/vigie"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_csrf_token_is_read_from_the_hidden_input() {
        let html = r#"<form><input type="hidden" name="csrf" value="abc-123"><input name="x"></form>"#;
        assert_eq!(csrf_of(html).as_deref(), Some("abc-123"));
        assert_eq!(csrf_of("<p>no form</p>"), None);
    }
}
