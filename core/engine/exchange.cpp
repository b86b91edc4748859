// SPDX-License-Identifier: MIT
#include "core/engine/exchange.h"

#include "core/engine/auction.h"
#include "core/engine/random.h"

#include <algorithm>

#include <QCoreApplication>
#include <QDateTime>

namespace bidlab::engine {

namespace {

constexpr std::int64_t kDayMs = 86'400'000;

// Sets the user's bit; true when it was not set yet (an id beyond the world's users is not counted).
bool markUser(std::vector<std::uint64_t>& bits, std::uint64_t user)
{
    const std::uint64_t bit = std::uint64_t(1) << (user % 64);
    if (user / 64 >= bits.size() || (bits[user / 64] & bit))
        return false;
    bits[user / 64] |= bit;
    return true;
}

std::int64_t dayOf(std::int64_t ms)
{
    return ms >= 0 ? ms / kDayMs : (ms - kDayMs + 1) / kDayMs;
}

QString tr(const char* text)
{
    return QCoreApplication::translate("Exchange", text);
}

EventPipeline::Options pipelineOptions(const WorldConfig& world, int campaigns)
{
    EventPipeline::Options options;
    options.campaigns = campaigns;
    options.attributionWindowSeconds = world.attributionWindowSeconds;
    options.duplicateWindowSeconds = world.duplicateWindowSeconds;
    return options;
}

// Upstream systems are not perfect: a share of events arrives malformed, for the validation stage to catch.
void corrupt(AdEvent& e, Rng& rng)
{
    switch (rng.below(5)) {
    case 0:
        e.campaign = 0xFFFF;
        break;
    case 1:
        e.timeMs = 0;
        break;
    case 2:
        e.amount = -1 - e.amount;
        break;
    case 3:
        e.type = 7;
        break;
    default:
        if (e.type == static_cast<std::uint8_t>(AdEventType::Impression))
            e.userAgent = 0xFFFFFFFF;
        else
            e.originMs = e.timeMs + 1;
        break;
    }
}

} // namespace

Exchange::Exchange(const EngineConfig& config, const World& world, const TrafficSource& source,
                   std::span<bidding::CampaignLiveState> live, bidding::FrequencyTable frequency,
                   std::unique_ptr<OutcomeLog> log)
    : m_world(world)
    , m_source(source)
    , m_live(live)
    , m_frequency(frequency)
    , m_log(std::move(log))
    , m_pipeline(pipelineOptions(world.config(), static_cast<int>(world.campaigns().size())), source.userAgents())
    , m_auction(config.auction)
    , m_evenPacing(world.config().evenPacing)
    , m_exactBudgets(config.exactBudgets)
    , m_seed(config.seed)
    , m_invalidShare(world.config().invalidEventShare)
    , m_campaigns(world.campaigns().size())
    , m_shaders(world.campaigns().size())
{
    for (std::size_t c = 0; c < m_campaigns.size(); ++c)
        m_campaigns[c].dailyBudget = world.campaigns()[c].dailyBudget;
    for (const bidding::CampaignSpec& spec : world.campaignSpecs())
        m_frequencySlots.push_back(spec.frequencySlot);
    const std::vector<ArmConfig> arms = config.effectiveArms();
    const std::size_t userBits = world.users().size();
    for (std::size_t a = 0; a < arms.size(); ++a) {
        ArmRow row;
        row.id = static_cast<int>(a);
        row.name = arms[a].name;
        m_arms.push_back(row);
        m_armShading.push_back(arms[a].strategy.shading ? 1 : 0);
        m_armUsers.emplace_back((userBits + 63) / 64, 0);
        m_armAssigned.emplace_back((userBits + 63) / 64, 0);
    }
    m_simNow = world.config().simStartMs;
    rollOver(dayOf(m_simNow));
    publish();
}

Exchange::~Exchange() = default;

void Exchange::setArmShading(int arm, bool shading)
{
    if (arm >= 0 && static_cast<std::size_t>(arm) < m_armShading.size())
        m_armShading[static_cast<std::size_t>(arm)] = shading ? 1 : 0;
}

double Exchange::shadingFactor(int campaign) const
{
    return m_shaders[static_cast<std::size_t>(campaign)].factor();
}

QList<CampaignRow> Exchange::campaignRows() const
{
    QList<CampaignRow> rows;
    rows.reserve(static_cast<qsizetype>(m_campaigns.size()));
    for (std::size_t c = 0; c < m_campaigns.size(); ++c) {
        const CampaignStats& book = m_campaigns[c];
        CampaignRow row;
        row.id = static_cast<int>(c);
        row.name = m_world.campaigns()[c].name;
        row.dailyBudget = book.dailyBudget;
        row.spentToday = book.spentToday;
        row.spend = book.spend;
        row.revenue = book.revenue;
        row.bids = book.bids;
        row.wins = book.wins;
        row.clicks = book.clicks;
        row.conversions = book.conversions;
        row.exhausted = book.exhausted;
        row.pacedOut = book.pacedOut;
        row.shading = shadingFactor(static_cast<int>(c));
        rows.append(row);
    }
    return rows;
}

void Exchange::generated(const bidding::BidRequest& r)
{
    ++m_totals.generated;
    ++m_arms[r.arm].requests;
    if (markUser(m_armAssigned[r.arm], r.user))
        ++m_arms[r.arm].assignedUsers;
}

void Exchange::answered(const bidding::BidRequest& r, const bidding::BidResponse& response)
{
    const bool known = response.campaign < m_campaigns.size();
    Micros bid = response.bidCpm;
    if (m_exactBudgets && known && bid > 0)
        bid = std::min(bid, affordableBid(response.campaign, r.simTimeMs));
    if (bid <= 0 || !known) {
        if (response.bidCpm > 0 && !known && m_invalidResponses++ == 0 && report)
            report({ 0, 0, EventSeverity::Warning, EventKind::Warning, -1, response.campaign, 1,
                     tr("A worker bid for campaign %1, which does not exist; the bid was counted as a no-bid.")
                         .arg(response.campaign) });
        ++m_totals.noBids;
        if (m_log)
            ++m_log->row(r.simTimeMs, -1, r.device).requests;
        return;
    }
    const int c = response.campaign;
    ++m_totals.bids;
    ++m_arms[r.arm].bids;
    ++m_campaigns[static_cast<std::size_t>(c)].bids;
    if (m_log) {
        OutcomeLog::Row& row = m_log->row(r.simTimeMs, c, r.device);
        ++row.requests;
        ++row.bids;
    }
    Micros market = m_source.marketPrice(r);
    if (m_marketScale != 1.0)
        market = static_cast<Micros>(static_cast<double>(market) * m_marketScale);
    const AuctionResult result = runAuction(m_auction, bid, market, r.floorCpm);
    if (m_auction == AuctionType::FirstPrice && m_armShading[r.arm])
        m_shaders[static_cast<std::size_t>(c)].record(bid, result.won);
    if (!result.won)
        ++m_totals.losses;
    else
        win(r, c, result.priceCpm);
}

Micros Exchange::affordableBid(int c, std::int64_t simTimeMs)
{
    if (dayOf(simTimeMs) > m_day)
        rollOver(dayOf(simTimeMs));
    const CampaignStats& book = m_campaigns[static_cast<std::size_t>(c)];
    const Micros left = std::max<Micros>(book.dailyBudget - book.spentToday, 0);
    return left > INT64_MAX / 1000 ? INT64_MAX : left * 1000; // impressionCost(left * 1000) == left
}

void Exchange::timedOut(const bidding::BidRequest& r, const bidding::BidResponse* late)
{
    ++m_totals.timeouts;
    if (m_log) {
        const int campaign = late && late->bidCpm > 0 && late->campaign < m_campaigns.size() ? late->campaign : -1;
        ++m_log->row(r.simTimeMs, campaign, r.device).requests;
    }
}

void Exchange::shed(const bidding::BidRequest& r)
{
    ++m_totals.shed;
    if (m_log)
        ++m_log->row(r.simTimeMs, -1, r.device).requests;
}

void Exchange::win(const bidding::BidRequest& r, int c, Micros priceCpm)
{
    if (dayOf(r.simTimeMs) > m_day)
        rollOver(dayOf(r.simTimeMs));
    CampaignStats& book = m_campaigns[static_cast<std::size_t>(c)];
    const Micros cost = impressionCost(priceCpm);
    if (book.spentToday + cost > book.dailyBudget) { // the exchange's budget check is exact
        ++m_totals.budgetRejected;
        if (!book.exhausted) {
            book.exhausted = true;
            if (report)
                report(
                    { 0, 0, EventSeverity::Info, EventKind::BudgetExhausted, -1, c, book.spentToday,
                      tr("Campaign '%1' has spent its daily budget of %2 (world day %3).")
                          .arg(m_world.campaigns()[static_cast<std::size_t>(c)].name, formatMoney(book.dailyBudget),
                               QDateTime::fromMSecsSinceEpoch(r.simTimeMs, Qt::UTC).toString(Qt::ISODate).left(10)) });
        }
        return;
    }
    book.spentToday += cost;
    book.spend += cost;
    ++book.wins;
    ++m_totals.wins;
    m_totals.spend += cost;
    ArmRow& arm = m_arms[r.arm];
    ++arm.wins;
    arm.spend += cost;
    const std::uint16_t slot = m_frequencySlots[static_cast<std::size_t>(c)];
    if (slot != bidding::kNoFrequencySlot && !m_frequency.isNull() && r.user < m_frequency.users())
        m_frequency.record(r.user, slot, bidding::FrequencyTable::windowOf(r.simTimeMs));
    if (m_log)
        m_log->row(r.simTimeMs, c, r.device).cost += cost;

    AdEvent impression {};
    impression.impressionId = r.id;
    impression.timeMs = r.simTimeMs;
    impression.amount = cost;
    impression.user = r.user;
    impression.userAgent = r.userAgent;
    impression.campaign = static_cast<std::uint16_t>(c);
    impression.type = static_cast<std::uint8_t>(AdEventType::Impression);
    impression.device = r.device;
    impression.arm = r.arm;
    deliver(impression, 0, true);

    const ImpressionOutcome fate = m_source.impressionOutcome(r, c);
    if (!fate.clicked)
        return;
    AdEvent click = impression;
    click.type = static_cast<std::uint8_t>(AdEventType::Click);
    click.timeMs = r.simTimeMs + fate.clickDelayMs;
    click.originMs = r.simTimeMs;
    click.amount = 0;
    deliver(click, 1, false);
    if (fate.duplicateClick) {
        AdEvent again = click;
        again.timeMs += fate.duplicateDelayMs;
        deliver(again, 2, false);
    }
    if (fate.converted) {
        AdEvent conversion = click;
        conversion.type = static_cast<std::uint8_t>(AdEventType::Conversion);
        conversion.originMs = click.timeMs;
        conversion.timeMs = click.timeMs + fate.conversionDelayMs;
        conversion.amount = fate.conversionValue;
        deliver(conversion, 3, false);
    }
}

void Exchange::deliver(const AdEvent& event, int ordinal, bool now)
{
    AdEvent e = event;
    if (m_invalidShare > 0.0) {
        // One draw per (impression, event), independent of the order events are made in.
        const std::uint64_t counter = e.impressionId * 4 + static_cast<std::uint64_t>(ordinal);
        if (Rng::unitFrom(Rng::hash(m_seed, Stream::Events, counter)) < m_invalidShare) {
            Rng rng(m_seed, Stream::Events, counter);
            corrupt(e, rng);
        }
    }
    if (now)
        onVerdict(e, m_pipeline.process(e));
    else
        m_pipeline.schedule(e);
}

void Exchange::onVerdict(const AdEvent& e, EventPipeline::Verdict verdict)
{
    ++m_totals.eventsProcessed;
    switch (verdict) {
    case EventPipeline::Verdict::Accepted:
        break;
    case EventPipeline::Verdict::Bot:
        ++m_totals.botEvents;
        ++m_totals.eventsFiltered;
        return;
    case EventPipeline::Verdict::Duplicate:
        ++m_totals.duplicateClicks;
        ++m_totals.eventsFiltered;
        return;
    case EventPipeline::Verdict::Unattributed:
        ++m_totals.unattributedConversions;
        ++m_totals.eventsFiltered;
        return;
    case EventPipeline::Verdict::Invalid:
        ++m_totals.eventErrors;
        return;
    }
    ArmRow& arm = m_arms[e.arm < m_arms.size() ? e.arm : 0];
    CampaignStats& campaign = m_campaigns[e.campaign];
    OutcomeLog::Row* row = m_log ? &m_log->row(e.timeMs, e.campaign, e.device) : nullptr;
    switch (static_cast<AdEventType>(e.type)) {
    case AdEventType::Impression: {
        ++m_totals.impressions;
        ++arm.impressions;
        if (markUser(m_armUsers[static_cast<std::size_t>(arm.id)], e.user))
            ++arm.users;
        if (row)
            ++row->impressions;
        break;
    }
    case AdEventType::Click:
        ++m_totals.clicks;
        ++campaign.clicks;
        ++arm.clicks;
        if (row)
            ++row->clicks;
        break;
    case AdEventType::Conversion:
        ++m_totals.conversions;
        m_totals.revenue += e.amount;
        ++campaign.conversions;
        campaign.revenue += e.amount;
        ++arm.conversions;
        arm.revenue += e.amount;
        if (row) {
            ++row->conversions;
            row->revenue += e.amount;
        }
        break;
    }
}

void Exchange::advanceClock(std::int64_t simNowMs)
{
    if (simNowMs > m_simNow)
        m_simNow = simNowMs;
    if (dayOf(m_simNow) > m_day)
        rollOver(dayOf(m_simNow));
    m_pipeline.advanceTo(m_simNow, [this](const AdEvent& e, EventPipeline::Verdict v) { onVerdict(e, v); });
    if (m_log)
        m_log->flushBefore(m_simNow);
}

void Exchange::rollOver(std::int64_t day)
{
    m_day = day;
    for (CampaignStats& c : m_campaigns) {
        c.spentToday = 0;
        c.exhausted = false;
        c.pacedOut = false;
    }
}

void Exchange::publish()
{
    // Even pacing: a campaign may have spent the share of its day that has passed, plus 1 % of slack.
    const double dayFraction = static_cast<double>(m_simNow - m_day * kDayMs) / static_cast<double>(kDayMs);
    for (std::size_t c = 0; c < m_campaigns.size(); ++c) {
        CampaignStats& book = m_campaigns[c];
        const Micros left = book.dailyBudget - book.spentToday;
        if (!m_exactBudgets)
            book.exhausted = book.exhausted || left <= book.dailyBudget / 1000;
        book.pacedOut = m_evenPacing
            && static_cast<double>(book.spentToday) > static_cast<double>(book.dailyBudget) * (dayFraction + 0.01);
        bidding::CampaignLiveState& live = m_live[c];
        // Exact budgets: the exchange caps each bid at the budget left at its auction; a view of the budget
        // as of the last batch could only be wrong (too small once a new day starts within the batch).
        live.remaining.store(m_exactBudgets ? book.dailyBudget : left, std::memory_order_relaxed);
        live.flags.store((book.exhausted ? bidding::kCampaignExhausted : 0u)
                             | (book.pacedOut ? bidding::kCampaignPacedOut : 0u),
                         std::memory_order_relaxed);
        m_shaders[c].advance();
        live.shading.store(static_cast<float>(m_shaders[c].factor()), std::memory_order_relaxed);
    }
}

void Exchange::reportErrors(std::int64_t wallNs)
{
    // The error queue keeps its records; events name the first one at most every 5 s, with the count since.
    if (m_pipeline.stats().invalid == m_invalidReported || !report || wallNs - m_lastErrorReportNs < 5'000'000'000)
        return;
    const QList<EventPipeline::ValidationError> errors = m_pipeline.takeErrors();
    const std::int64_t count = m_pipeline.stats().invalid - m_invalidReported;
    m_invalidReported = m_pipeline.stats().invalid;
    m_lastErrorReportNs = wallNs;
    if (errors.isEmpty())
        return;
    static const char* const types[] = { "impression", "click", "conversion" };
    const int shown = 1;
    for (int i = 0; i < shown; ++i) {
        const EventPipeline::ValidationError& error = errors.at(i);
        const AdEvent& e = error.event;
        report({ 0, 0, EventSeverity::Warning, EventKind::ValidationError, -1,
                 e.campaign < m_campaigns.size() ? e.campaign : -1, 1,
                 tr("Event rejected (%1): %2 event for impression %3, campaign %4, time %5, origin %6, amount %7.")
                     .arg(error.reason,
                          e.type < 3 ? QString::fromLatin1(types[e.type]) : QStringLiteral("type %1").arg(e.type))
                     .arg(e.impressionId)
                     .arg(e.campaign)
                     .arg(e.timeMs)
                     .arg(e.originMs)
                     .arg(e.amount) });
    }
    if (count > shown)
        report({ 0, 0, EventSeverity::Warning, EventKind::ValidationError, -1, -1, count - shown,
                 tr("%1 more events failed validation since the last report (all counted as event errors).")
                     .arg(count - shown) });
}

Status Exchange::finish()
{
    m_pipeline.drain([this](const AdEvent& e, EventPipeline::Verdict v) { onVerdict(e, v); });
    reportErrors(INT64_MAX);
    if (m_log)
        return m_log->finish();
    return success();
}

} // namespace bidlab::engine
