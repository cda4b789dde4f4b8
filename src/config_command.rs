//! `vitrine config list|set|unset`: the settings shared through NATS (`vitrine_kit::settings`).

use crate::ConfigCommand;
use vitrine_kit::config::EventsConfig;
use vitrine_kit::settings;

pub fn run(command: ConfigCommand) -> anyhow::Result<()> {
    let events = EventsConfig::from_env()?;
    let url = events
        .nats_url
        .clone()
        .ok_or_else(|| anyhow::anyhow!("the shared settings live in NATS: set VITRINE_NATS_URL"))?;
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?
        .block_on(async {
            let (_, bucket) = settings::connect(&url, &events.namespace).await?;
            match command {
                ConfigCommand::List => {
                    for (name, value) in settings::read_all(&bucket).await? {
                        println!("{name}={value}");
                    }
                }
                ConfigCommand::Set { name, value } => {
                    settings::check_name(&name).map_err(anyhow::Error::msg)?;
                    bucket.put(&name, value.clone().into()).await?;
                    println!("{name}={value} shared");
                }
                ConfigCommand::Unset { name } => {
                    bucket.delete(&name).await?;
                    println!("{name} no longer shared");
                }
            }
            anyhow::Ok(())
        })
}
