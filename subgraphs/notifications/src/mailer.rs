//! The mailer: sends pending email jobs through SMTP, or in development (no `VITRINE_SMTP_URL`)
//! writes each as an `.eml` file into the mail folder. Jobs are claimed the way webhook
//! deliveries are (see [`crate::sender`]) so two replicas never send one twice; failures are
//! retried on the webhooks' backoff schedule and given up after as many attempts.

use crate::accounts::{self, Recipient};
use crate::domain::backoff;
use crate::store::{self, EmailJob, EmailOutcome};
use anyhow::Context;
use lettre::message::header::ContentType;
use lettre::message::Mailbox;
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::sync::Arc;
use std::time::Duration;
use vitrine_kit::config::NotificationsConfig;
use vitrine_kit::db::Db;
use vitrine_kit::peers::{PeerError, Peers};

/// Longer than an SMTP conversation and the accounts lookup may take.
const LEASE: Duration = Duration::from_secs(120);
const BATCH: i64 = 20;

#[derive(Clone)]
enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Files(AsyncFileTransport<Tokio1Executor>),
}

/// Why one job was not sent.
enum Failure {
    /// Worth another try later (accounts or the SMTP server unavailable).
    Transient(String),
    /// Will never work (no such customer, an address the server refuses).
    Permanent(String),
}

#[derive(Clone)]
pub struct Mailer {
    db: Db,
    peers: Arc<Peers>,
    transport: Transport,
    from: Mailbox,
    /// Changes at run time through the config server.
    backoff: vitrine_kit::tunable::Tunable<Duration>,
    max_attempts: u32,
}

impl Mailer {
    pub fn new(db: Db, peers: Arc<Peers>, cfg: &NotificationsConfig) -> anyhow::Result<Self> {
        let from = cfg
            .mail_from
            .parse::<Mailbox>()
            .with_context(|| format!("VITRINE_MAIL_FROM {:?} is not a mailbox", cfg.mail_from))?;
        let transport = match &cfg.smtp_url {
            Some(url) => Transport::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .context("VITRINE_SMTP_URL is not a valid SMTP URL")?
                    .build(),
            ),
            None => {
                std::fs::create_dir_all(&cfg.mail_dir)
                    .with_context(|| format!("creating the mail folder {}", cfg.mail_dir.display()))?;
                Transport::Files(AsyncFileTransport::<Tokio1Executor>::new(&cfg.mail_dir))
            }
        };
        Ok(Mailer {
            db,
            peers,
            transport,
            from,
            backoff: cfg.webhook_backoff.clone(),
            max_attempts: cfg.webhook_max_attempts.max(1),
        })
    }

    /// Polls forever on the current runtime.
    pub fn spawn(self, every: Duration) {
        vitrine_kit::background::every("mailer", every, move || {
            let this = self.clone();
            async move { this.run_once().await.map(drop) }
        });
    }

    /// Sends every job due now; returns how many it attempted.
    pub async fn run_once(&self) -> anyhow::Result<usize> {
        let now = store::now();
        let lease_until = now + chrono::Duration::from_std(LEASE)?;
        let mut attempted = 0;
        for job in store::due_email_jobs(&self.db, now, BATCH).await? {
            if !store::claim_email_job(&self.db, &job.id, now, lease_until).await? {
                continue;
            }
            attempted += 1;
            let attempts = job.attempts + 1;
            let result = self.send(&job).await;
            let at = store::now();
            let outcome = match &result {
                Ok(()) => EmailOutcome::Sent,
                Err(Failure::Transient(error)) if attempts < i64::from(self.max_attempts) => {
                    let delay = backoff(self.backoff.get(), u32::try_from(attempts).unwrap_or(u32::MAX));
                    EmailOutcome::Retry {
                        at: at + chrono::Duration::from_std(delay)?,
                        error,
                    }
                }
                Err(Failure::Transient(error) | Failure::Permanent(error)) => {
                    tracing::warn!(job_id = %job.id, error, "email given up");
                    EmailOutcome::Failed { error }
                }
            };
            store::finish_email_attempt(&self.db, &job.id, attempts, outcome, at).await?;
        }
        Ok(attempted)
    }

    async fn send(&self, job: &EmailJob) -> Result<(), Failure> {
        let recipient = match accounts::recipient(&self.peers, &job.customer_id).await {
            Ok(Some(recipient)) => recipient,
            Ok(None) => return Err(Failure::Permanent("no such customer".into())),
            Err(PeerError::Rejected(err)) => return Err(Failure::Permanent(format!("accounts: {err}"))),
            Err(err) => return Err(Failure::Transient(err.to_string())),
        };
        let message = self.compose(job, &recipient)?;
        match &self.transport {
            Transport::Smtp(smtp) => smtp.send(message).await.map(drop).map_err(|e| {
                if e.is_permanent() {
                    Failure::Permanent(format!("SMTP: {e}"))
                } else {
                    Failure::Transient(format!("SMTP: {e}"))
                }
            }),
            Transport::Files(files) => files
                .send(message)
                .await
                .map(drop)
                .map_err(|e| Failure::Transient(format!("writing the .eml file: {e}"))),
        }
    }

    fn compose(&self, job: &EmailJob, to: &Recipient) -> Result<Message, Failure> {
        let address = to
            .email
            .parse()
            .map_err(|e| Failure::Permanent(format!("address {:?}: {e}", to.email)))?;
        let text = format!(
            "Hello {},\n\n{}\n\nYou can see all your notifications in the Vitrine app.\n\nThe Vitrine team\n",
            to.name, job.body
        );
        Message::builder()
            .from(self.from.clone())
            .to(Mailbox::new(Some(to.name.clone()), address))
            .subject(&job.subject)
            // Derived from the notification, so a resend after a crash is recognisably the same mail.
            .message_id(Some(format!("<{}@vitrine.notifications>", job.notification_id)))
            .header(ContentType::TEXT_PLAIN)
            .body(text)
            .map_err(|e| Failure::Permanent(format!("building the message: {e}")))
    }
}
