use super::time;
use chrono::{DateTime, Utc};
use sqlx::Row;
use vitrine_kit::db::{Db, Exec};
use vitrine_kit::time::to_db;

/// An email waiting to be sent (or retried).
#[derive(Debug, Clone, PartialEq)]
pub struct EmailJob {
    pub id: String,
    pub notification_id: String,
    pub customer_id: String,
    pub subject: String,
    pub body: String,
    pub attempts: i64,
    pub created_at: DateTime<Utc>,
}

/// False when the notification already has its email.
pub async fn insert_email_job<'e>(exec: impl Exec<'e>, job: &EmailJob) -> anyhow::Result<bool> {
    let at = to_db(job.created_at);
    let done = sqlx::query(
        "INSERT INTO email_job (job_id, notification_id, customer_id, subject, body, status, \
         attempts, next_attempt_at, created_at) VALUES ($1, $2, $3, $4, $5, 'PENDING', 0, $6, $6) \
         ON CONFLICT (notification_id) DO NOTHING",
    )
    .bind(&job.id)
    .bind(&job.notification_id)
    .bind(&job.customer_id)
    .bind(&job.subject)
    .bind(&job.body)
    .bind(at)
    .execute(exec)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Pending jobs due at `now`, oldest first.
pub async fn due_email_jobs(db: &Db, now: DateTime<Utc>, limit: i64) -> anyhow::Result<Vec<EmailJob>> {
    sqlx::query(
        "SELECT job_id, notification_id, customer_id, subject, body, attempts, created_at \
         FROM email_job WHERE status = 'PENDING' AND next_attempt_at <= $1 \
         ORDER BY next_attempt_at, job_id LIMIT $2",
    )
    .bind(to_db(now))
    .bind(limit)
    .fetch_all(db.pool())
    .await?
    .iter()
    .map(|row| {
        Ok(EmailJob {
            id: row.try_get("job_id")?,
            notification_id: row.try_get("notification_id")?,
            customer_id: row.try_get("customer_id")?,
            subject: row.try_get("subject")?,
            body: row.try_get("body")?,
            attempts: row.try_get("attempts")?,
            created_at: time(row, "created_at")?,
        })
    })
    .collect()
}

/// Takes the job until `lease_until` if it is still pending and due; false when another
/// sender got it first.
pub async fn claim_email_job(
    db: &Db,
    job_id: &str,
    now: DateTime<Utc>,
    lease_until: DateTime<Utc>,
) -> anyhow::Result<bool> {
    super::claim_due(db, "email_job", "job_id", job_id, now, lease_until).await
}

/// What became of one sending attempt.
pub enum EmailOutcome<'a> {
    Sent,
    Retry { at: DateTime<Utc>, error: &'a str },
    Failed { error: &'a str },
}

pub async fn finish_email_attempt(
    db: &Db,
    job_id: &str,
    attempts: i64,
    outcome: EmailOutcome<'_>,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let (status, next, error, sent) = match outcome {
        EmailOutcome::Sent => ("SENT", now, None, Some(to_db(now))),
        EmailOutcome::Retry { at, error } => ("PENDING", at, Some(error), None),
        EmailOutcome::Failed { error } => ("FAILED", now, Some(error), None),
    };
    sqlx::query(
        "UPDATE email_job SET status = $2, attempts = $3, next_attempt_at = $4, last_error = $5, \
         sent_at = $6 WHERE job_id = $1",
    )
    .bind(job_id)
    .bind(status)
    .bind(attempts)
    .bind(to_db(next))
    .bind(error)
    .bind(sent)
    .execute(db)
    .await?;
    Ok(())
}

/// (status, attempts, last error) of the notification's email, if it has one.
#[cfg(test)]
pub async fn email_status(
    db: &Db,
    notification_id: &str,
) -> anyhow::Result<Option<(String, i64, Option<String>)>> {
    let row = sqlx::query("SELECT status, attempts, last_error FROM email_job WHERE notification_id = $1")
        .bind(notification_id)
        .fetch_optional(db)
        .await?;
    row.map(|r| {
        Ok((
            r.try_get("status")?,
            r.try_get("attempts")?,
            r.try_get("last_error")?,
        ))
    })
    .transpose()
}
