//! Running the news channels beside the campaign: which are due, one
//! attempt at each ([`crate::news::sync`]), and each one's own status
//! (`status.json`'s `news`), with its own schedule and backoff, so one
//! channel going down never holds up another or the campaign.

use time::OffsetDateTime;

use crate::apply;
use crate::error::{Error, Result};
use crate::news::{self, NewsOutcome, StoredNews};
use crate::schedule;
use crate::status::{self, ChannelStatus, LastError, Status};
use crate::syncer::Syncer;

/// What one attempt at a channel gave.
#[derive(Debug)]
pub struct ChannelAttempt {
    /// The channel's position in the config.
    pub index: usize,
    /// Its address, without credentials.
    pub url: String,
    /// What happened.
    pub result: Result<NewsOutcome>,
}

impl Syncer {
    /// Whether a campaign feed (`[feed] url`) is configured.
    pub fn has_campaign_feed(&self) -> bool {
        self.config.feed_url.is_some()
    }

    /// How many news channels are configured.
    pub fn news_channels(&self) -> usize {
        self.config.news.len()
    }

    /// Each channel's stored items to show, in the config's order; `None`
    /// for a channel that has none yet.
    pub fn stored_news(&self) -> Vec<Option<StoredNews>> {
        self.config
            .news
            .iter()
            .map(|source| StoredNews::load_for_display(&self.layout, source))
            .collect()
    }

    /// One attempt at every news channel that is due (every one when
    /// `all`), each recorded in its status.
    ///
    /// # Errors
    /// [`Error::Io`] at once, recording nothing, when another process is
    /// syncing this data directory; each channel's own failure is in its
    /// [`ChannelAttempt`] instead.
    pub async fn sync_news(&self, all: bool) -> Result<Vec<ChannelAttempt>> {
        let _one_at_a_time = self.lock.lock().await;
        let _one_process_at_a_time = self.lock_data_dir().await?;
        let due = {
            let status = Status::load(&self.layout);
            let now = status::now();
            (0..self.config.news.len())
                .filter(|&index| all || is_due(channel_status(&status, self, index), now))
                .collect::<Vec<_>>()
        };
        let mut attempts = Vec::with_capacity(due.len());
        for index in due {
            let source = &self.config.news[index];
            let started = status::now();
            let result = match (&self.news_fetchers[index], self.config.offline) {
                (_, true) | (None, _) => Err(Error::Offline),
                (Some(fetcher), false) => news::sync(&self.layout, source, fetcher).await,
            };
            self.record_channel(index, started, &result);
            if matches!(result, Ok(NewsOutcome::Updated(_))) {
                apply::collect_unused_media(&self.layout, &self.config.keep_media);
            }
            attempts.push(ChannelAttempt {
                index,
                url: source.shown_url(),
                result,
            });
        }
        Ok(attempts)
    }

    /// The earliest instant any channel, the campaign included, is due;
    /// `None` when none is scheduled.
    pub fn next_due(&self) -> Option<OffsetDateTime> {
        let status = Status::load(&self.layout);
        let campaign = self
            .has_campaign_feed()
            .then_some(status.next_attempt)
            .flatten();
        let channels = (0..self.config.news.len()).map(|index| {
            channel_status(&status, self, index)
                .map_or_else(|| Some(status::now()), |channel| channel.next_attempt)
        });
        std::iter::once(campaign).chain(channels).flatten().min()
    }

    /// Writes one channel's attempt into `status.json`, keeping only the
    /// configured channels there.
    fn record_channel(&self, index: usize, started: OffsetDateTime, result: &Result<NewsOutcome>) {
        let mut status = Status::load(&self.layout);
        let now = status::now();
        let mut channels: Vec<ChannelStatus> = (0..self.config.news.len())
            .map(|at| {
                channel_status(&status, self, at)
                    .cloned()
                    .unwrap_or_else(|| ChannelStatus {
                        url: self.config.news[at].shown_url(),
                        ..ChannelStatus::default()
                    })
            })
            .collect();
        let channel = &mut channels[index];
        channel.last_attempt = Some(started);
        match result {
            Ok(outcome) => {
                if let NewsOutcome::Updated(news) = outcome {
                    channel.items = news.items.len();
                    channel.dropped = news.report.dropped.clone();
                    channel.notes = news.report.notes.clone();
                }
                channel.last_success = Some(now);
                channel.last_error = None;
                channel.consecutive_failures = 0;
                channel.next_attempt = Some(schedule::after_success(
                    now,
                    self.config.interval,
                    schedule::random_unit(),
                ));
            }
            Err(error) => {
                tracing::warn!(channel = %channel.url, code = %error.code(), %error, "a news channel's sync failed; its last good items stay");
                if let Error::EmptyFeed { dropped, .. } = error {
                    channel.dropped.clone_from(dropped);
                }
                channel.last_error = Some(LastError::from(error));
                channel.consecutive_failures = channel.consecutive_failures.saturating_add(1);
                channel.next_attempt = (!matches!(error, Error::Offline)).then(|| {
                    schedule::after_failure(
                        now,
                        self.config.interval,
                        channel.consecutive_failures,
                        schedule::random_unit(),
                        error.retry_after(),
                    )
                });
            }
        }
        status.news = channels;
        if let Err(error) = status.save(&self.layout) {
            tracing::error!(%error, "the sync status cannot be saved");
        }
    }
}

/// The stored status of the channel at `index`, found by its address (a
/// channel's position may change when the config does).
fn channel_status<'a>(
    status: &'a Status,
    syncer: &Syncer,
    index: usize,
) -> Option<&'a ChannelStatus> {
    let url = syncer.config.news[index].shown_url();
    status.news.iter().find(|channel| channel.url == url)
}

/// Whether a channel with this status is due at `now`: never tried, or
/// its next attempt has come.
fn is_due(channel: Option<&ChannelStatus>, now: OffsetDateTime) -> bool {
    channel
        .and_then(|channel| channel.next_attempt)
        .is_none_or(|next| next <= now)
}
