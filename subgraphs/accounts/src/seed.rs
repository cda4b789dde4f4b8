//! One account per role, with documented passwords, for the demo and tests. Never seeded when
//! `VITRINE_ENV=production`.

use crate::passwords;
use crate::store::{self, NewCustomer};
use vitrine_kit::db::Db;
use vitrine_kit::identity::Role;
use vitrine_kit::ids::stable_id;

pub struct DemoAccount {
    pub email: &'static str,
    pub password: &'static str,
    pub name: &'static str,
    pub roles: &'static [Role],
}

pub const DEMO_ACCOUNTS: &[DemoAccount] = &[
    DemoAccount {
        email: "admin@vitrine.kz",
        password: "admin-demo-2026",
        name: "Aigerim Admin",
        roles: &[Role::Admin],
    },
    DemoAccount {
        email: "customer@vitrine.kz",
        password: "customer-demo-2026",
        name: "Dana Customer",
        roles: &[Role::Customer],
    },
    DemoAccount {
        email: "seller@vitrine.kz",
        password: "seller-demo-2026",
        name: "Serik Seller",
        roles: &[Role::Seller, Role::Customer],
    },
    DemoAccount {
        email: "kitchen@vitrine.kz",
        password: "kitchen-demo-2026",
        name: "Kanat Kitchen",
        roles: &[Role::Kitchen],
    },
    DemoAccount {
        email: "courier@vitrine.kz",
        password: "courier-demo-2026",
        name: "Kairat Courier",
        roles: &[Role::Courier],
    },
];

pub async fn seed_demo_accounts(db: &Db) -> anyhow::Result<()> {
    if std::env::var("VITRINE_ENV").is_ok_and(|v| v == "production") {
        return Ok(());
    }
    let existing: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM customer")
        .fetch_one(db)
        .await?;
    if existing > 0 {
        return Ok(());
    }
    let mut hashed = Vec::new();
    for account in DEMO_ACCOUNTS {
        hashed.push(passwords::hash(account.password.to_string()).await?);
    }
    let mut tx = db.begin_write().await?;
    for (account, password_hash) in DEMO_ACCOUNTS.iter().zip(&hashed) {
        let id = stable_id("cus", account.email);
        let customer = NewCustomer {
            id: &id,
            email: account.email,
            name: account.name,
            phone: None,
            password_hash,
            roles: account.roles,
        };
        store::insert_customer(&mut tx, &customer).await?;
    }
    tx.commit().await?;
    tracing::info!(accounts = DEMO_ACCOUNTS.len(), "seeded the demo accounts");
    Ok(())
}
