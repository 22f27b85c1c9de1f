//! `vigie verify BUNDLE [--key K] [--against URL]`: checks a bundle offline, then
//! optionally asks the live server whether its log only grew since.

use anyhow::{Context, bail};
use vigie_core::evidence::{SignedTreeHead, check_witness, parse_hash, printable};

use crate::cli::VerifyArgs;

/// Exit code 1 when anything fails; the report says where. Whatever the bundle or the
/// server said reaches the terminal escaped (no control byte of theirs is printed).
pub async fn run(args: VerifyArgs) -> anyhow::Result<()> {
    check(args).await.map_err(|e| anyhow::anyhow!(printable(&format!("{e:#}"))))
}

async fn check(args: VerifyArgs) -> anyhow::Result<()> {
    let path = args.bundle.clone();
    let key = args.key.clone();
    let report = tokio::task::spawn_blocking(move || vigie_bundle::verify_bundle(&path, key.as_deref()))
        .await
        .context("the verification stopped")?
        .with_context(|| format!("cannot read {}", args.bundle.display()))?;
    // The verdict ends its line: the witness's says its own.
    println!("{report}");
    if !report.is_ok() {
        bail!("the bundle does NOT verify");
    }
    if let Some(base) = &args.against {
        let head = report.tree_head.clone().context("the bundle has no tree head")?;
        let public_key = read_public_key(&args)?;
        witness(base, &head, &public_key).await?;
    }
    Ok(())
}

fn read_public_key(args: &VerifyArgs) -> anyhow::Result<String> {
    if let Some(k) = &args.key {
        return Ok(k.clone());
    }
    let parts = vigie_bundle::read_bundle(&args.bundle)?;
    let text = parts.contents.get(vigie_core::evidence::PUBLIC_KEY_PATH).context("no public key in the bundle")?;
    Ok(String::from_utf8_lossy(text).trim().to_owned())
}

#[derive(serde::Deserialize)]
struct ProofBody {
    hashes: Vec<String>,
}

async fn witness(base: &str, bundle_head: &SignedTreeHead, public_key: &str) -> anyhow::Result<()> {
    let base = base.trim_end_matches('/');
    let client = reqwest::Client::builder().timeout(std::time::Duration::from_secs(30)).build()?;
    let current: SignedTreeHead = client
        .get(format!("{base}/api/v1/log/head"))
        .send()
        .await
        .with_context(|| format!("cannot reach {base}"))?
        .error_for_status()?
        .json()
        .await
        .context("the server's tree head is not valid JSON")?;
    let proof: Vec<vigie_core::merkle::Hash> = if current.size > bundle_head.size {
        let body: ProofBody = client
            .get(format!("{base}/api/v1/log/proof/consistency?first={}&second={}", bundle_head.size, current.size))
            .send()
            .await?
            .error_for_status()?
            .json()
            .await
            .context("the server's consistency proof is not valid JSON")?;
        body.hashes
            .iter()
            .map(|h| parse_hash(h).context("a proof hash is not 64 hex digits"))
            .collect::<Result<_, _>>()?
    } else {
        Vec::new()
    };
    match check_witness(bundle_head, &current, &proof, public_key) {
        Ok(verdict) => {
            println!("witness ok against {base}: {verdict}");
            Ok(())
        }
        Err(e) => bail!("witness FAILED against {base}: {e}"),
    }
}
