use super::*;
use crate::store;

fn eml_files(dir: &std::path::Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "eml"))
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect()
}

async fn notification_id(sys: &System, event_id: &str) -> String {
    use sqlx::Row;
    sqlx::query("SELECT notification_id FROM notification WHERE event_id = $1")
        .bind(event_id)
        .fetch_one(sys.parts.db.pool())
        .await
        .unwrap()
        .try_get("notification_id")
        .unwrap()
}

#[tokio::test]
async fn in_development_an_email_is_written_as_an_eml_file() {
    let sys = system().await;
    let mut event = order_status(ALICE, "ord_42", "PENDING", "CONFIRMED");
    event.payload["order_number"] = json!(1042);
    sys.publish(&event).await;
    assert_eq!(sys.parts.mailer.run_once().await.unwrap(), 1);
    let mails = eml_files(&sys.mail_dir());
    assert_eq!(mails.len(), 1);
    let mail = &mails[0];
    assert!(mail.contains("To: Alice <alice@example.com>"), "{mail}");
    assert!(mail.contains("From: Vitrine <no-reply@vitrine.local>"), "{mail}");
    assert!(mail.contains("Subject: Order confirmed"), "{mail}");
    assert!(mail.contains("Your order #1042 is confirmed"), "{mail}");
    let id = notification_id(&sys, &event.id).await;
    let status = store::email_status(&sys.parts.db, &id).await.unwrap();
    assert_eq!(status, Some(("SENT".into(), 1, None)));
    assert_eq!(sys.parts.mailer.run_once().await.unwrap(), 0, "sent once");
    assert_eq!(eml_files(&sys.mail_dir()).len(), 1);
}

#[tokio::test]
async fn only_milestones_are_emailed() {
    let sys = system().await;
    sys.publish(&order_status(ALICE, "ord_1", "CONFIRMED", "PREPARING"))
        .await;
    assert_eq!(sys.parts.mailer.run_once().await.unwrap(), 0);
    assert!(eml_files(&sys.mail_dir()).is_empty());
}

#[tokio::test]
async fn an_unknown_customer_fails_at_once_and_an_unanswered_lookup_is_retried() {
    let sys = system().await;
    let unknown = order_status("cus_nobody", "ord_1", "PENDING", "CONFIRMED");
    let locked = order_status(LOCKED, "ord_2", "PENDING", "CONFIRMED");
    sys.publish(&unknown).await;
    sys.publish(&locked).await;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    loop {
        sys.parts.mailer.run_once().await.unwrap();
        let pending = sys
            .count("SELECT COUNT(*) FROM email_job WHERE status = $1", "PENDING")
            .await;
        if pending == 0 {
            break;
        }
        assert!(tokio::time::Instant::now() < deadline, "still pending");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let id = notification_id(&sys, &unknown.id).await;
    let status = store::email_status(&sys.parts.db, &id).await.unwrap();
    assert_eq!(
        status,
        Some(("FAILED".into(), 1, Some("no such customer".into())))
    );
    let id = notification_id(&sys, &locked.id).await;
    let (status, attempts, error) = store::email_status(&sys.parts.db, &id).await.unwrap().unwrap();
    assert_eq!((status.as_str(), attempts), ("FAILED", 3));
    assert!(error.unwrap().contains("FORBIDDEN"));
    assert!(eml_files(&sys.mail_dir()).is_empty());
}

#[tokio::test]
async fn start_subscribes_before_returning_and_its_workers_send() {
    let scratch = Scratch::new();
    let cfg = config(&scratch);
    let wiring = wiring(&scratch);
    let service = crate::start(&cfg, &wiring).await.unwrap();
    assert_eq!(service.name, crate::NAME);
    wiring
        .bus()
        .publish(&order_status(BOB, "ord_7", "OUT_FOR_DELIVERY", "DELIVERED"))
        .await
        .unwrap();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while eml_files(&cfg.notifications.mail_dir).is_empty() {
        assert!(tokio::time::Instant::now() < deadline, "no mail written");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let mail = &eml_files(&cfg.notifications.mail_dir)[0];
    assert!(mail.contains("Subject: Delivered"), "{mail}");
}
