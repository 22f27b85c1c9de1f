//! Alerts by e-mail: one message with a plain-text and an HTML part, a `Message-ID`
//! made from the delivery key, and `List-Unsubscribe` pointing at the link that removes
//! this channel. The server is named by a URL, as lettre reads it:
//! `smtps://user:pass@host:465` (implicit TLS), `smtp://host:587?tls=required`
//! (STARTTLS), or `smtp://127.0.0.1:25` (no TLS: a relay on the same machine only).

use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use vigie_core::network::{OutgoingAlert, SendAnswer, SendFailure};

use crate::{SEND_TIMEOUT, SetupError, short};

pub struct EmailSender {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl EmailSender {
    /// A sender through the SMTP server at `url`, from `from` (`Vigie <alerts@example.org>`).
    pub fn new(url: &str, from: &str) -> Result<Self, SetupError> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| SetupError::Smtp(e.to_string()))?
            .timeout(Some(SEND_TIMEOUT))
            .build();
        let from = from.parse().map_err(|_| SetupError::From(from.to_owned()))?;
        Ok(Self { transport, from })
    }

    /// The message as it is sent (public for the tests that read it back).
    pub fn message(&self, to: &str, alert: &OutgoingAlert, key: &str) -> Result<Message, SendFailure> {
        let to: Mailbox =
            to.parse().map_err(|_| SendFailure { permanent: true, answer: "not an e-mail address".into() })?;
        let domain = self.from.email.domain().to_owned();
        let mut builder = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(alert.subject.clone())
            .message_id(Some(format!("<{key}@{domain}>")));
        if !alert.unsubscribe.is_empty() {
            builder = builder.raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe"),
                format!("<{}>", alert.unsubscribe),
            ));
        }
        builder
            .multipart(
                MultiPart::alternative()
                    .singlepart(SinglePart::builder().header(ContentType::TEXT_PLAIN).body(alert.text.clone()))
                    .singlepart(SinglePart::builder().header(ContentType::TEXT_HTML).body(alert.html.clone())),
            )
            .map_err(|e| SendFailure { permanent: true, answer: short(&e.to_string()) })
    }

    pub async fn send(&self, to: &str, alert: &OutgoingAlert, key: &str) -> Result<SendAnswer, SendFailure> {
        let message = self.message(to, alert, key)?;
        match self.transport.send(message).await {
            Ok(response) => {
                let words = response.message().collect::<Vec<_>>().join(" ");
                Ok(SendAnswer { answer: short(&format!("{} {words}", response.code())) })
            }
            Err(e) => Err(SendFailure { permanent: e.is_permanent(), answer: short(&e.to_string()) }),
        }
    }
}
