// SPDX-License-Identifier: MIT
#include "core/engine/engine_runner.h"

#include "core/bidding/bidder.h"
#include "core/engine/synthetic_traffic.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <sys/prctl.h>
#include <x86intrin.h>

#include <QCoreApplication>
#include <QDateTime>

namespace bidlab::engine::detail {

namespace {

using bidding::BidRequest;
using bidding::BidResponse;

constexpr std::int64_t kTickNs = 100'000'000; // snapshots every 100 ms
constexpr std::size_t kDispatchBatch = 256; // requests written to one ring before publishing
constexpr std::size_t kMaxDuePerPass = 8192; // paced requests generated per loop pass
constexpr std::size_t kBatchSize = 1024; // deterministic mode's lock-step batch
constexpr std::int64_t kPublishNs = 500'000; // budgets and flags pushed to the bidders every 0.5 ms
constexpr std::int64_t kSpinNs = 20'000; // bounded spin before sleeping
constexpr std::int64_t kIncidentNs = 10'000'000'000; // incidents last 10 s

std::int64_t nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

QString tr(const char* text)
{
    return QCoreApplication::translate("Engine", text);
}

// Back-off before restart number n (1-based): 50 ms, 100 ms, 200 ms, ... up to 2 s.
std::int64_t backoffNs(int n)
{
    return std::min<std::int64_t>(2'000'000'000, 50'000'000LL << std::min(n - 1, 6));
}

} // namespace

struct EngineRunner::Slot
{
    int id = 0;
    WorkerState state = WorkerState::Starting;
    int incarnation = 0;
    qint64 pid = 0;
    int restarts = 0;
    std::optional<WorkerChannel> channel;
    bool processRunning = false;
    bool retiring = false;
    bool expectExit = false; // retired or shut down: its exit is not a crash
    std::deque<std::int64_t> crashTimes;
    std::int64_t restartAtNs = 0;
    std::int64_t lastProgressNs = 0;
    std::int64_t killRequestedNs = 0; // a kill from killWorker(): to measure detection and replacement
    std::int64_t answered = 0;
    std::int64_t tickAnswered = 0;
    LatencyHistogram tickLatency;

    bool accepting() const { return state == WorkerState::Running && !retiring && channel; }
};

struct EngineRunner::Batch
{
    std::uint64_t first = 0;
    std::size_t size = 0;
    std::size_t received = 0;
    std::vector<BidRequest> requests;
    std::vector<BidResponse> responses;
    std::vector<std::int64_t> created;
    std::vector<std::uint8_t> have;
    bool active = false;
};

EngineRunner::EngineRunner(EngineConfig config, QString workerProgram, WorkerSupervisor* supervisor, Hooks hooks)
    : m_config(std::move(config))
    , m_program(std::move(workerProgram))
    , m_supervisor(supervisor)
    , m_hooks(std::move(hooks))
{ }

EngineRunner::~EngineRunner() = default;

// ---------------------------------------------------------------------------------------------- inbox

void EngineRunner::post(std::function<void(EngineRunner&)> command)
{
    {
        std::lock_guard lock(m_inboxMutex);
        m_commands.push_back(std::move(command));
    }
    m_inboxFull.store(true, std::memory_order_release);
    if (m_hub)
        m_hub->header().engineBell.notify();
}

void EngineRunner::notice(const SupervisorNotice& notice)
{
    {
        std::lock_guard lock(m_inboxMutex);
        m_notices.push_back(notice);
    }
    m_inboxFull.store(true, std::memory_order_release);
    if (m_hub)
        m_hub->header().engineBell.notify();
}

void EngineRunner::handleInbox()
{
    if (!m_inboxFull.load(std::memory_order_acquire))
        return;
    std::vector<std::function<void(EngineRunner&)>> commands;
    std::vector<SupervisorNotice> notices;
    {
        std::lock_guard lock(m_inboxMutex);
        notices.swap(m_notices);
        // Deterministic mode applies commands between batches only, so that a batch sees one setting.
        if (!(m_batch && m_batch->active))
            commands.swap(m_commands);
        m_inboxFull.store(!m_commands.empty(), std::memory_order_release);
    }
    for (const SupervisorNotice& n : notices)
        handleNotice(n);
    for (auto& command : commands)
        command(*this);
}

// ------------------------------------------------------------------------------------------ helpers

void EngineRunner::setState(EngineState state)
{
    if (m_state == state)
        return;
    m_state = state;
    if (m_hooks.state)
        m_hooks.state(state);
}

void EngineRunner::event(EventSeverity severity, EventKind kind, QString text, int worker, qint64 count,
                         qint64 sinceKillNs)
{
    if (!m_hooks.event)
        return;
    EngineEvent e;
    e.timeMs = QDateTime::currentMSecsSinceEpoch();
    e.elapsedSeconds = m_startNs ? elapsedSeconds(nowNs()) : 0.0;
    e.severity = severity;
    e.kind = kind;
    e.worker = worker;
    e.count = count;
    e.text = std::move(text);
    e.sinceKillNs = sinceKillNs;
    m_hooks.event(e);
}

void EngineRunner::record(std::uint64_t id, Outcome outcome)
{
    if (m_hooks.recorder)
        m_ledger.push_back({ id, outcome });
}

double EngineRunner::elapsedSeconds(std::int64_t now) const
{
    return static_cast<double>(now - m_startNs) / 1e9;
}

int EngineRunner::armOf(std::uint32_t user) const
{
    if (m_armThresholds.size() <= 1)
        return 0;
    const double u = static_cast<double>(bidding::mix64(user ^ bidding::mix64(m_config.seed + 0xA8)) >> 11) * 0x1.0p-53;
    for (std::size_t a = 0; a + 1 < m_armThresholds.size(); ++a) {
        if (u < m_armThresholds[a])
            return static_cast<int>(a);
    }
    return static_cast<int>(m_armThresholds.size() - 1);
}

EngineRunner::Slot* EngineRunner::roomiest()
{
    // The worker with the most room; ties (the usual case below saturation) go round the workers in turn.
    Slot* best = nullptr;
    const std::size_t n = m_slots.size();
    for (std::size_t i = 0; i < n; ++i) {
        Slot* slot = m_slots[(m_nextSlot + i) % n].get();
        if (slot->accepting() && slot->channel->room() > 0 && (!best || slot->channel->room() > best->channel->room()))
            best = slot;
    }
    if (best)
        m_nextSlot = static_cast<std::size_t>(best->id) + 1;
    return best;
}

int EngineRunner::liveSlots() const
{
    int n = 0;
    for (const auto& slot : m_slots)
        n += slot->state == WorkerState::Running || slot->state == WorkerState::Starting
            || slot->state == WorkerState::Restarting || slot->state == WorkerState::Draining;
    return n;
}

bool EngineRunner::requestLimitReached() const
{
    return m_limit != 0 && m_nextId >= m_limit;
}

// -------------------------------------------------------------------------------------------- start

bool EngineRunner::prepare()
{
    m_world = std::make_unique<World>(World::generate(m_config.world, m_config.seed));
    Expected<std::unique_ptr<TrafficSource>> source = makeTrafficSource(m_config, *m_world);
    if (!source) {
        m_endReason = source.error();
        return false;
    }
    m_source = std::move(source).value();
    Expected<Hub> hub = Hub::create(m_world->campaignSpecs(), static_cast<std::uint32_t>(m_world->users().size()),
                                    m_world->frequencySlots(), m_config.seed);
    if (!hub) {
        m_endReason = tr("Cannot create the shared memory for the workers: %1").arg(hub.error());
        return false;
    }
    m_hub = std::move(hub).value();
    std::unique_ptr<OutcomeLog> log;
    if (!m_config.outcomeLogPath.isEmpty()) {
        QStringList names;
        for (const CampaignConfig& c : m_world->campaigns())
            names << c.name;
        Expected<std::unique_ptr<OutcomeLog>> opened = OutcomeLog::open(m_config.outcomeLogPath, names);
        if (!opened) {
            m_endReason = opened.error();
            return false;
        }
        log = std::move(opened).value();
    }
    m_exchange
        = std::make_unique<Exchange>(m_config, *m_world, *m_source, m_hub->live(), m_hub->frequency(), std::move(log));
    m_exchange->report = [this](EngineEvent e) {
        if (m_hooks.event) {
            e.timeMs = QDateTime::currentMSecsSinceEpoch();
            e.elapsedSeconds = elapsedSeconds(nowNs());
            m_hooks.event(e);
        }
    };

    const std::vector<ArmConfig> arms = m_config.effectiveArms();
    double total = 0;
    for (const ArmConfig& a : arms)
        total += a.weight;
    double cumulative = 0;
    for (const ArmConfig& a : arms) {
        cumulative += a.weight / total;
        m_armThresholds.push_back(cumulative);
        m_armStrategies.push_back(a.strategy);
    }
    m_hub->setStrategies(m_armStrategies, m_config.auction == AuctionType::FirstPrice);
    m_hub->setModelPath(m_config.modelPath);
    m_limit = static_cast<std::uint64_t>(m_config.requestLimit());
    if (m_source->length() != 0)
        m_limit = m_limit ? std::min<std::uint64_t>(m_limit, m_source->length()) : m_source->length();
    m_tmaxNs = static_cast<std::int64_t>(m_config.tmaxMs) * 1'000'000;
    if (m_config.deterministic)
        m_batch = std::make_unique<Batch>();
    return true;
}

void EngineRunner::run()
{
    prctl(PR_SET_TIMERSLACK, 1UL); // sleep as precisely as the kernel can: pacing and tick timing
    registerEngineMetaTypes();
    m_startedAtMs = QDateTime::currentMSecsSinceEpoch();
    m_startNs = nowNs();
    if (!prepare()) {
        m_failed = true;
        event(EventSeverity::Error, EventKind::ConfigRejected, m_endReason);
        finishRun();
        return;
    }
    const std::int64_t now = nowNs();
    for (int i = 0; i < m_config.workers; ++i) {
        m_slots.push_back(std::make_unique<Slot>());
        m_slots.back()->id = i;
        spawn(*m_slots.back(), now);
    }
    m_lastTickNs = now;
    m_secondStartNs = now;
    m_nextTickNs = now + kTickNs;
    m_paceNextNs = static_cast<double>(now);
    setState(EngineState::Running);
    event(EventSeverity::Info, EventKind::RunStarted,
          tr("Run started: %1 workers, %2, strategy %3, %4-price auction%5.")
              .arg(m_config.workers)
              .arg(m_config.unlimitedQps ? tr("unlimited QPS") : tr("%1 QPS").arg(m_config.targetQps))
              .arg(bidding::strategyName(m_config.strategy.kind), auctionTypeName(m_config.auction),
                   m_config.deterministic ? tr(", deterministic") : QString()));
    loop();
    finishRun();
}

// --------------------------------------------------------------------------------------------- loop

void EngineRunner::loop()
{
    for (;;) {
        handleInbox();
        std::int64_t now = nowNs();
        superviseSlots(now);
        if (liveSlots() == 0 && !m_stopping) {
            m_failed = true;
            stop(tr("Every worker has failed; the run stopped."));
        }
        if (!m_stopping && m_config.durationSeconds > 0 && !m_config.deterministic
            && elapsedSeconds(now) >= m_config.durationSeconds)
            stop(tr("The run reached its duration."));
        if (!m_stopping && requestLimitReached() && !(m_batch && m_batch->active) && m_pending.empty())
            stop(tr("The run reached its request limit."));

        const std::uint64_t before = m_nextId;
        const std::size_t pendingBefore = m_pending.size();
        redispatch(now);
        if (m_state == EngineState::Running && !m_stopping) {
            if (m_batch)
                produceBatch(now);
            else
                produce(now);
        }
        bool busy = m_nextId != before || m_pending.size() != pendingBefore;
        now = nowNs();
        busy = collect(now) || busy;
        if (m_batch && m_batch->active && m_batch->received == m_batch->size)
            finishBatch();
        if (!m_batch && now - m_lastPublishNs >= kPublishNs) {
            m_exchange->advanceClock(m_simMax);
            m_exchange->publish();
            m_lastPublishNs = now;
        }
        if (m_hooks.recorder && !m_ledger.empty()) {
            m_hooks.recorder(m_ledger);
            m_ledger.clear();
        }
        if (now >= m_nextTickNs)
            tick(now);

        if (m_stopping) {
            bool drained = m_pending.empty() && !(m_batch && m_batch->active);
            for (const auto& slot : m_slots)
                drained = drained && (!slot->channel || slot->channel->inFlight() == 0);
            if (drained)
                return;
        }
        if (!busy)
            idle(now);
    }
}

void EngineRunner::idle(std::int64_t now)
{
    // Wake at the next due request, tick or restart, or as soon as a worker answers or a command comes.
    std::int64_t until = m_nextTickNs;
    if (m_state == EngineState::Running && !m_stopping && !m_config.unlimitedQps && !requestLimitReached())
        until = std::min(until, static_cast<std::int64_t>(m_paceNextNs));
    for (const auto& slot : m_slots) {
        if (slot->state == WorkerState::Restarting)
            until = std::min(until, slot->restartAtNs);
        if (slot->state == WorkerState::Starting || (slot->channel && slot->channel->inFlight()))
            until = std::min(until, now + 50'000'000); // look at the ring (and the worker's status) regularly
    }
    const auto anythingReady = [this] {
        if (m_inboxFull.load(std::memory_order_acquire))
            return true;
        for (const auto& slot : m_slots) {
            if (slot->channel && slot->channel->ready())
                return true;
        }
        return false;
    };
    const std::int64_t spinUntil = std::min(until, now + kSpinNs);
    while (nowNs() < spinUntil) {
        for (int i = 0; i < 32; ++i)
            _mm_pause();
        if (anythingReady())
            return;
    }
    ipc::WaitWord& bell = m_hub->header().engineBell;
    const std::uint32_t token = bell.prepareWait();
    const std::int64_t left = until - nowNs();
    if (left <= 0 || anythingReady()) {
        bell.cancelWait();
        return;
    }
    bell.wait(token, left);
}

// ------------------------------------------------------------------------------------- dispatching

std::size_t EngineRunner::dispatchNew(Slot& slot, std::size_t n, std::int64_t now, double firstDueNs, double intervalNs)
{
    WorkerChannel& channel = *slot.channel;
    std::size_t done = 0;
    while (done < n) {
        std::span<BidRequest> span = channel.nextSpan(done, n - done);
        const std::size_t made = m_source->generate(m_nextId, span);
        for (std::size_t k = 0; k < made; ++k) {
            BidRequest& r = span[k];
            r.arm = static_cast<std::uint8_t>(armOf(r.user));
            m_exchange->generated(r);
            const double due = firstDueNs + intervalNs * static_cast<double>(done + k);
            channel.setCreated(done + k, intervalNs > 0 ? static_cast<std::int64_t>(due) : now);
        }
        m_nextId += made;
        done += made;
        if (made < span.size())
            break; // a finite source ran out
    }
    channel.send(done);
    return done;
}

void EngineRunner::produce(std::int64_t now)
{
    if (requestLimitReached() || (m_nextId == 0 && !roomiest()))
        return; // the traffic starts with the first worker (later, no room at all means shedding)
    const std::uint64_t left = m_limit ? m_limit - m_nextId : UINT64_MAX;
    if (m_config.unlimitedQps) {
        // As fast as the workers answer: fill every ring; back-pressure paces the source, nothing is shed.
        for (const auto& slot : m_slots) {
            if (!slot->accepting())
                continue;
            const std::size_t n = std::min<std::uint64_t>(
                { slot->channel->room(), 2 * kDispatchBatch, m_limit ? m_limit - m_nextId : UINT64_MAX });
            if (n >= 32 || (n > 0 && slot->channel->inFlight() < 64))
                dispatchNew(*slot, n, now, 0.0, 0.0);
        }
        return;
    }
    const double interval = 1e9 / (static_cast<double>(m_config.targetQps) * m_qpsFactor);
    if (static_cast<double>(now) < m_paceNextNs)
        return;
    const auto due = static_cast<std::size_t>(
        std::min<double>({ std::floor((static_cast<double>(now) - m_paceNextNs) / interval) + 1, kMaxDuePerPass,
                           static_cast<double>(left) }));
    std::size_t done = 0;
    while (done < due) {
        Slot* slot = roomiest();
        if (!slot) { // every ring is full: refuse what is due, and count it
            BidRequest r {};
            for (; done < due; ++done) {
                m_source->generate(m_nextId, { &r, 1 });
                r.arm = static_cast<std::uint8_t>(armOf(r.user));
                m_exchange->generated(r);
                m_exchange->shed(r);
                record(m_nextId, Outcome::Shed);
                ++m_nextId;
            }
            break;
        }
        const std::size_t n = std::min({ due - done, slot->channel->room(), kDispatchBatch });
        done += dispatchNew(*slot, n, now, m_paceNextNs + interval * static_cast<double>(done), interval);
    }
    m_paceNextNs += interval * static_cast<double>(due);
}

void EngineRunner::produceBatch(std::int64_t now)
{
    Batch& b = *m_batch;
    if (b.active || requestLimitReached())
        return;
    // The virtual clock runs at the target QPS; the wall clock only paces it (unlimited: no pacing).
    if (!m_config.unlimitedQps) {
        if (static_cast<double>(now) < m_paceNextNs)
            return;
    }
    std::vector<Slot*> targets;
    for (const auto& slot : m_slots) {
        if (slot->accepting())
            targets.push_back(slot.get());
    }
    if (targets.empty())
        return;
    const std::size_t n
        = static_cast<std::size_t>(std::min<std::uint64_t>(kBatchSize, m_limit ? m_limit - m_nextId : kBatchSize));
    b.first = m_nextId;
    b.requests.resize(n);
    b.size = m_source->generate(m_nextId, b.requests);
    if (b.size == 0)
        return;
    b.requests.resize(b.size);
    b.responses.assign(b.size, BidResponse {});
    b.created.assign(b.size, now);
    b.have.assign(b.size, 0);
    b.received = 0;
    b.active = true;
    for (BidRequest& r : b.requests) {
        r.arm = static_cast<std::uint8_t>(armOf(r.user));
        m_exchange->generated(r);
    }
    m_nextId += b.size;
    // Contiguous chunks, one per worker: which worker answers a request changes nothing in this mode.
    const std::size_t chunk = (b.size + targets.size() - 1) / targets.size();
    for (std::size_t s = 0, start = 0; s < targets.size() && start < b.size; ++s, start += chunk) {
        WorkerChannel& channel = *targets[s]->channel;
        const std::size_t count = std::min({ chunk, b.size - start, channel.room() });
        for (std::size_t k = 0; k < count; ++k) {
            channel.next(k) = b.requests[start + k];
            channel.setCreated(k, now);
        }
        channel.send(count);
        for (std::size_t k = count; k < std::min(chunk, b.size - start); ++k) // no room (cannot happen with
            m_pending.push_back({ b.requests[start + k], now }); // rings larger than a batch): send later
    }
    if (!m_config.unlimitedQps)
        m_paceNextNs += 1e9 * static_cast<double>(b.size) / static_cast<double>(m_config.targetQps);
}

void EngineRunner::redispatch(std::int64_t now)
{
    while (!m_pending.empty()) {
        const Pending& p = m_pending.front();
        if (!m_batch && now - p.createdNs > m_tmaxNs) { // too late to be answered in time: a timeout
            m_exchange->timedOut(p.request, nullptr);
            record(p.request.id, Outcome::Timeout);
            m_pending.pop_front();
            continue;
        }
        Slot* slot = roomiest();
        if (!slot)
            return;
        WorkerChannel& channel = *slot->channel;
        channel.next(0) = p.request;
        channel.setCreated(0, p.createdNs);
        channel.send(1);
        m_exchange->redispatched(1);
        m_pending.pop_front();
    }
}

// -------------------------------------------------------------------------------------- collecting

void EngineRunner::answer(const BidRequest& request, const BidResponse& response, std::int64_t createdNs,
                          std::int64_t now, Slot& slot)
{
    const std::int64_t latency = std::max<std::int64_t>(0, now - createdNs);
    m_tickLatency.record(static_cast<std::uint64_t>(latency));
    m_tickCompute.record(response.computeNs);
    slot.tickLatency.record(static_cast<std::uint64_t>(latency));
    if (request.simTimeMs > m_simMax)
        m_simMax = request.simTimeMs;
    if (m_batch)
        return; // judged in request order when the batch is complete (finishBatch)
    if (latency > m_tmaxNs) {
        m_exchange->timedOut(request, &response);
        record(request.id, Outcome::Timeout);
        return;
    }
    const std::int64_t bidsBefore = m_exchange->totals().bids;
    m_exchange->answered(request, response);
    record(request.id, m_exchange->totals().bids != bidsBefore ? Outcome::Bid : Outcome::NoBid);
}

bool EngineRunner::collect(std::int64_t now)
{
    bool any = false;
    for (const auto& slotPtr : m_slots) {
        Slot& slot = *slotPtr;
        if (!slot.channel)
            continue;
        WorkerChannel& channel = *slot.channel;
        const std::size_t n = channel.ready();
        if (n == 0)
            continue;
        for (std::size_t k = 0; k < n; ++k) {
            const BidResponse& response = channel.response(k);
            const BidRequest& request = channel.request(k);
            if (m_batch) {
                const std::uint64_t index = request.id - m_batch->first;
                if (index < m_batch->size && !m_batch->have[index]) {
                    m_batch->responses[index] = response;
                    m_batch->have[index] = 1;
                    ++m_batch->received;
                }
            }
            if (response.requestId != request.id) { // a worker must answer its ring in order
                BidResponse none {};
                none.requestId = request.id;
                none.campaign = bidding::kNoCampaign;
                answer(request, none, channel.created(k), now, slot);
                continue;
            }
            answer(request, response, channel.created(k), now, slot);
        }
        channel.consume(n);
        slot.answered += static_cast<std::int64_t>(n);
        slot.tickAnswered += static_cast<std::int64_t>(n);
        slot.lastProgressNs = now;
        any = true;
    }
    return any;
}

void EngineRunner::finishBatch()
{
    Batch& b = *m_batch;
    for (std::size_t i = 0; i < b.size; ++i) {
        const std::int64_t bidsBefore = m_exchange->totals().bids;
        m_exchange->answered(b.requests[i], b.responses[i]);
        record(b.requests[i].id, m_exchange->totals().bids != bidsBefore ? Outcome::Bid : Outcome::NoBid);
    }
    m_exchange->advanceClock(b.requests.back().simTimeMs);
    m_exchange->publish();
    b.active = false;
}

// ------------------------------------------------------------------------------------- supervision

void EngineRunner::spawn(Slot& slot, std::int64_t now)
{
    Expected<WorkerChannel> channel = WorkerChannel::create(slot.id);
    if (!channel) {
        slot.state = WorkerState::Failed;
        event(EventSeverity::Error, EventKind::WorkerCrashed,
              tr("Worker %1 cannot be started: %2").arg(slot.id).arg(channel.error()), slot.id);
        return;
    }
    slot.channel = std::move(channel).value();
    slot.state = slot.incarnation == 0 ? WorkerState::Starting : WorkerState::Restarting;
    slot.restartAtNs = 0;
    ++slot.incarnation;
    slot.processRunning = true;
    slot.expectExit = false;
    slot.retiring = false;
    slot.lastProgressNs = now;
    const int incarnation = slot.incarnation;
    const int id = slot.id;
    const int hubFd = m_hub->fd();
    const int workerFd = slot.channel->fd();
    const QString program = m_program;
    const int nice = m_config.workerNice;
    QMetaObject::invokeMethod(
        m_supervisor,
        [=, supervisor = m_supervisor] { supervisor->spawn(id, incarnation, program, hubFd, workerFd, nice); },
        Qt::QueuedConnection);
}

void EngineRunner::handleNotice(const SupervisorNotice& n)
{
    if (n.slot < 0 || static_cast<std::size_t>(n.slot) >= m_slots.size())
        return;
    Slot& slot = *m_slots[static_cast<std::size_t>(n.slot)];
    if (n.incarnation != slot.incarnation)
        return; // about an older process of this slot
    switch (n.kind) {
    case SupervisorNotice::Started:
        slot.pid = n.pid;
        break;
    case SupervisorNotice::StderrLine:
        event(EventSeverity::Warning, EventKind::WorkerStderr, tr("Worker %1: %2").arg(n.slot).arg(n.text), n.slot);
        break;
    case SupervisorNotice::Exited:
    case SupervisorNotice::FailedToStart:
        workerGone(slot, n);
        break;
    case SupervisorNotice::AllStopped:
        break;
    }
}

void EngineRunner::workerGone(Slot& slot, const SupervisorNotice& n)
{
    slot.processRunning = false;
    const std::int64_t now = nowNs();
    if (slot.channel) {
        collect(now); // what it published before it died is valid
        if (m_batch && m_batch->active && m_batch->received == m_batch->size)
            finishBatch();
    }
    const std::size_t lost = slot.channel ? slot.channel->unanswered() : 0;
    if (slot.expectExit && n.kind == SupervisorNotice::Exited && !n.crashed && n.exitCode == 0) {
        reclaim(slot, now);
        slot.state = WorkerState::Stopped;
        slot.channel.reset();
        if (slot.retiring)
            event(EventSeverity::Info, EventKind::WorkerRetired, tr("Worker %1 drained and retired.").arg(slot.id),
                  slot.id);
        slot.retiring = false;
        return;
    }
    const QString why = n.kind == SupervisorNotice::FailedToStart
        ? tr("could not start: %1").arg(n.text)
        : (n.crashed ? tr("was killed by a signal") : tr("exited with code %1").arg(n.exitCode));
    QString message;
    if (slot.channel && slot.channel->header().status.load() == protocol::kFailed)
        message = QString::fromUtf8(slot.channel->header().message);
    reclaim(slot, now);
    slot.channel.reset();
    const double detectMs = slot.killRequestedNs ? static_cast<double>(n.atNs - slot.killRequestedNs) / 1e6 : 0.0;
    event(EventSeverity::Error, EventKind::WorkerCrashed,
          tr("Worker %1 (pid %2) %3 with %4 requests in flight%5%6.")
              .arg(slot.id)
              .arg(slot.pid)
              .arg(why)
              .arg(lost)
              .arg(message.isEmpty() ? QString() : QStringLiteral(": ") + message)
              .arg(slot.killRequestedNs ? tr("; noticed %1 ms after the kill").arg(detectMs, 0, 'f', 2) : QString()),
          slot.id, static_cast<qint64>(lost), slot.killRequestedNs ? n.atNs - slot.killRequestedNs : 0);
    if (n.kind == SupervisorNotice::FailedToStart) { // never restart a program that cannot start
        slot.state = WorkerState::Failed;
        return;
    }
    if (slot.retiring) { // it was on its way out anyway
        slot.retiring = false;
        slot.state = WorkerState::Stopped;
        return;
    }
    slot.crashTimes.push_back(now);
    while (!slot.crashTimes.empty()
           && slot.crashTimes.front()
               < now - static_cast<std::int64_t>(m_config.crashLoopWindowSeconds) * 1'000'000'000)
        slot.crashTimes.pop_front();
    if (static_cast<int>(slot.crashTimes.size()) >= m_config.crashLoopLimit) {
        slot.state = WorkerState::Failed;
        event(EventSeverity::Error, EventKind::CrashLoop,
              tr("Worker %1 crashed %2 times within %3 s; it is not restarted again (crash loop).")
                  .arg(slot.id)
                  .arg(slot.crashTimes.size())
                  .arg(m_config.crashLoopWindowSeconds),
              slot.id, static_cast<qint64>(slot.crashTimes.size()));
        if (m_crashLoopSlot == slot.id)
            m_crashLoopSlot = -1;
        return;
    }
    slot.state = WorkerState::Restarting;
    slot.restartAtNs = now + backoffNs(static_cast<int>(slot.crashTimes.size()));
}

void EngineRunner::reclaim(Slot& slot, std::int64_t now)
{
    if (!slot.channel)
        return;
    WorkerChannel& channel = *slot.channel;
    const std::size_t n = channel.unanswered();
    std::size_t timedOut = 0;
    for (std::size_t k = 0; k < n; ++k) {
        const BidRequest& request = channel.request(k);
        const std::int64_t created = channel.created(k);
        if (!m_batch && now - created > m_tmaxNs) {
            m_exchange->timedOut(request, nullptr);
            record(request.id, Outcome::Timeout);
            ++timedOut;
        } else {
            m_pending.push_back({ request, created });
        }
    }
    channel.forget(n);
    if (n)
        event(EventSeverity::Info, EventKind::WorkerCrashed,
              tr("%1 requests taken back from worker %2: %3 sent again, %4 past tmax counted as timeouts.")
                  .arg(n)
                  .arg(slot.id)
                  .arg(n - timedOut)
                  .arg(timedOut),
              slot.id, static_cast<qint64>(n));
}

void EngineRunner::superviseSlots(std::int64_t now)
{
    for (const auto& slotPtr : m_slots) {
        Slot& slot = *slotPtr;
        if ((slot.state == WorkerState::Starting || slot.state == WorkerState::Restarting) && slot.channel) {
            const std::uint32_t status = slot.channel->header().status.load(std::memory_order_acquire);
            if (status == protocol::kReady) {
                const bool restart = slot.state == WorkerState::Restarting;
                slot.state = WorkerState::Running;
                slot.pid = slot.channel->header().pid.load();
                slot.lastProgressNs = now;
                if (restart) {
                    ++slot.restarts;
                    ++m_totalRestarts;
                }
                if (m_nextId == 0) // the run's traffic starts with its first worker
                    m_paceNextNs = static_cast<double>(now);
                const qint64 sinceKill = slot.killRequestedNs ? now - slot.killRequestedNs : 0;
                const QString replaced = sinceKill
                    ? tr(" (replaced %1 ms after the kill)").arg(static_cast<double>(sinceKill) / 1e6, 0, 'f', 1)
                    : QString();
                slot.killRequestedNs = 0;
                event(EventSeverity::Info, restart ? EventKind::WorkerRestarted : EventKind::WorkerStarted,
                      tr("Worker %1 is running (pid %2)%3.").arg(slot.id).arg(slot.pid).arg(replaced), slot.id,
                      slot.pid, sinceKill);
                if (m_crashLoopSlot == slot.id)
                    killWorker(slot.id);
            }
        }
        if (slot.state == WorkerState::Restarting && !slot.channel && now >= slot.restartAtNs && !m_stopping)
            spawn(slot, now);
        // A worker that makes no progress with requests in its ring is hung: kill it; the crash path recovers.
        if (slot.state == WorkerState::Running && slot.channel && slot.channel->inFlight() > 0 && slot.processRunning
            && !slot.killRequestedNs) {
            // Generous: on a loaded machine a low-priority worker can wait seconds for a core.
            const std::int64_t limit = std::max<std::int64_t>(m_batch ? 10'000'000'000 : 5'000'000'000, 20 * m_tmaxNs);
            if (now - slot.lastProgressNs > limit) {
                event(EventSeverity::Error, EventKind::WorkerUnresponsive,
                      tr("Worker %1 answered nothing for %2 s with %3 requests in its ring; it is killed.")
                          .arg(slot.id)
                          .arg(static_cast<double>(now - slot.lastProgressNs) / 1e9, 0, 'f', 1)
                          .arg(slot.channel->inFlight()),
                      slot.id);
                killWorker(slot.id);
            }
        }
        if (slot.retiring && slot.channel && slot.channel->inFlight() == 0
            && !slot.channel->header().retire.load(std::memory_order_relaxed)) {
            slot.expectExit = true;
            slot.channel->header().retire.store(1, std::memory_order_release);
            slot.channel->nudge();
        }
    }
    checkModelDeployment();
    endIncidents(now);
}

// ---------------------------------------------------------------------------------------- commands

void EngineRunner::pause()
{
    if (m_state == EngineState::Running && !m_stopping) {
        setState(EngineState::Paused);
        event(EventSeverity::Info, EventKind::SettingChanged, tr("Paused."));
    }
}

void EngineRunner::resume()
{
    if (m_state == EngineState::Paused && !m_stopping) {
        m_paceNextNs = static_cast<double>(nowNs());
        setState(EngineState::Running);
        event(EventSeverity::Info, EventKind::SettingChanged, tr("Resumed."));
    }
}

void EngineRunner::stop(const QString& reason)
{
    if (m_stopping)
        return;
    m_stopping = true;
    m_endReason = reason;
    setState(EngineState::Stopping);
}

void EngineRunner::setWorkerCount(int workers)
{
    workers = std::clamp(workers, EngineConfig::kMinWorkers, EngineConfig::kMaxWorkers);
    const std::int64_t now = nowNs();
    int active = 0;
    for (const auto& slot : m_slots)
        active += slot->state != WorkerState::Stopped && !slot->retiring;
    // Grow: reuse stopped slots first, then new ones.
    for (std::size_t i = 0; active < workers && i < m_slots.size(); ++i) {
        Slot& slot = *m_slots[i];
        if (slot.state == WorkerState::Stopped && !slot.processRunning) {
            slot.crashTimes.clear();
            spawn(slot, now);
            ++active;
        } else if (slot.retiring && slot.channel && !slot.channel->header().retire.load()) {
            slot.retiring = false; // still draining: keep it
            ++active;
        }
    }
    while (active < workers) {
        m_slots.push_back(std::make_unique<Slot>());
        m_slots.back()->id = static_cast<int>(m_slots.size() - 1);
        spawn(*m_slots.back(), now);
        ++active;
    }
    // Shrink: the highest slots stop taking requests, drain, then exit.
    for (std::size_t i = m_slots.size(); active > workers && i-- > 0;) {
        Slot& slot = *m_slots[i];
        if (slot.state == WorkerState::Stopped || slot.retiring)
            continue;
        if (slot.state == WorkerState::Failed) {
            slot.state = WorkerState::Stopped;
        } else {
            slot.retiring = true;
            slot.state = WorkerState::Draining;
        }
        --active;
    }
    m_config.workers = workers;
    if (m_hooks.configChanged)
        m_hooks.configChanged(m_config);
    event(EventSeverity::Info, EventKind::SettingChanged, tr("Worker processes: %1.").arg(workers));
}

void EngineRunner::setTargetQps(qint64 qps)
{
    m_config.targetQps = std::clamp(qps, EngineConfig::kMinQps, EngineConfig::kMaxQps);
    m_config.unlimitedQps = false;
    m_paceNextNs = static_cast<double>(nowNs());
    if (m_hooks.configChanged)
        m_hooks.configChanged(m_config);
    event(EventSeverity::Info, EventKind::SettingChanged, tr("Target QPS: %1.").arg(m_config.targetQps));
}

void EngineRunner::setUnlimitedQps(bool unlimited)
{
    if (m_config.unlimitedQps == unlimited)
        return;
    m_config.unlimitedQps = unlimited;
    m_paceNextNs = static_cast<double>(nowNs());
    if (m_hooks.configChanged)
        m_hooks.configChanged(m_config);
    event(EventSeverity::Info, EventKind::SettingChanged,
          unlimited ? tr("Target QPS: unlimited.") : tr("Target QPS: %1.").arg(m_config.targetQps));
}

void EngineRunner::setStrategy(int arm, const bidding::StrategyParams& params)
{
    for (std::size_t a = 0; a < m_armStrategies.size(); ++a) {
        if (arm < 0 || static_cast<std::size_t>(arm) == a) {
            m_armStrategies[a] = params;
            m_exchange->setArmShading(static_cast<int>(a), params.shading);
            if (a < m_config.arms.size())
                m_config.arms[a].strategy = params;
        }
    }
    if (arm < 0 || m_config.arms.empty())
        m_config.strategy = params;
    m_hub->setStrategies(m_armStrategies, m_config.auction == AuctionType::FirstPrice);
    for (const auto& slot : m_slots) {
        if (slot->channel)
            slot->channel->nudge();
    }
    if (m_hooks.configChanged)
        m_hooks.configChanged(m_config);
    event(EventSeverity::Info, EventKind::StrategyChanged,
          arm < 0 ? tr("Strategy: %1.").arg(bidding::strategyName(params.kind))
                  : tr("Strategy of arm %1: %2.").arg(arm).arg(bidding::strategyName(params.kind)));
}

void EngineRunner::deployModel(const QString& path)
{
    if (path.toUtf8().size() >= static_cast<qsizetype>(protocol::kPathBytes)) {
        event(EventSeverity::Error, EventKind::ModelRejected, tr("The model path '%1' is too long.").arg(path));
        return;
    }
    m_deployment.previousPath = m_deployment.active ? m_deployment.previousPath : m_config.modelPath;
    m_hub->setModelPath(path);
    m_deployment = { m_hub->modelGeneration(), path, m_deployment.previousPath, true };
    for (const auto& slot : m_slots) {
        if (slot->channel)
            slot->channel->nudge();
    }
}

void EngineRunner::checkModelDeployment()
{
    if (!m_deployment.active)
        return;
    int applied = 0, rejected = 0, running = 0;
    QString message;
    for (const auto& slot : m_slots) {
        if (slot->state != WorkerState::Running || !slot->channel)
            continue;
        ++running;
        const protocol::WorkerHeader& h = slot->channel->header();
        if (h.modelGenerationApplied.load(std::memory_order_acquire) != m_deployment.generation)
            continue;
        ++applied;
        if (h.modelRejected.load(std::memory_order_relaxed)) {
            ++rejected;
            message = QString::fromUtf8(h.message);
        }
    }
    if (running == 0 || applied < running)
        return;
    m_deployment.active = false;
    const QString shown = m_deployment.path.isEmpty() ? tr("the built-in model") : m_deployment.path;
    if (rejected) {
        // Put the previous model back in the hub, so that restarted workers do not pick up the bad one.
        m_hub->setModelPath(m_deployment.previousPath);
        event(EventSeverity::Error, EventKind::ModelRejected,
              tr("The workers rejected %1 and keep their model: %2").arg(shown, message), -1, rejected);
        return;
    }
    m_config.modelPath = m_deployment.path;
    if (m_hooks.configChanged)
        m_hooks.configChanged(m_config);
    event(EventSeverity::Info, EventKind::ModelDeployed,
          tr("Model deployed to %1 workers: %2.").arg(running).arg(shown), -1, running);
}

void EngineRunner::killWorker(int id)
{
    if (id < 0 || static_cast<std::size_t>(id) >= m_slots.size())
        return;
    Slot& slot = *m_slots[static_cast<std::size_t>(id)];
    if (!slot.processRunning)
        return;
    slot.killRequestedNs = nowNs();
    const int incarnation = slot.incarnation;
    QMetaObject::invokeMethod(
        m_supervisor, [supervisor = m_supervisor, id, incarnation] { supervisor->kill(id, incarnation); },
        Qt::QueuedConnection);
}

void EngineRunner::injectIncident(IncidentKind kind)
{
    const std::int64_t now = nowNs();
    Incident incident { kind, now + kIncidentNs, -1 };
    QString text;
    switch (kind) {
    case IncidentKind::TrafficSpike:
        m_qpsFactor = 5.0;
        text = m_config.unlimitedQps ? tr("Traffic spike injected (no effect at unlimited QPS).")
                                     : tr("Traffic spike injected: 5x the target QPS for 10 s.");
        break;
    case IncidentKind::BotAttack:
        if (auto* synthetic = dynamic_cast<SyntheticTraffic*>(m_source.get())) {
            synthetic->setBotShare(0.6);
            text = tr("Bot attack injected: 60 % of requests from bots for 10 s.");
        } else {
            text = tr("Bot attack: only the synthetic traffic can inject one.");
        }
        break;
    case IncidentKind::SlowWorker:
        incident.slot = 0;
        m_hub->header().slowdownNs[0].store(200'000, std::memory_order_relaxed);
        text = tr("Slow worker injected: worker 0 takes 200 µs more per request for 10 s.");
        break;
    case IncidentKind::MarketPriceJump:
        m_exchange->setMarketScale(1.8);
        text = tr("Market price jump injected: competing bids x1.8 for 10 s.");
        break;
    case IncidentKind::CrashLoop:
        m_crashLoopSlot = 0;
        killWorker(0);
        text = tr("Crash loop injected: worker 0 is killed each time it starts, until the crash-loop limit.");
        incident.endNs = now; // runs until the limit stops it
        break;
    }
    m_incidents.push_back(incident);
    event(EventSeverity::Warning, EventKind::Incident, text, incident.slot);
}

void EngineRunner::endIncidents(std::int64_t now)
{
    for (auto it = m_incidents.begin(); it != m_incidents.end();) {
        if (now < it->endNs) {
            ++it;
            continue;
        }
        switch (it->kind) {
        case IncidentKind::TrafficSpike:
            m_qpsFactor = 1.0;
            break;
        case IncidentKind::BotAttack:
            if (auto* synthetic = dynamic_cast<SyntheticTraffic*>(m_source.get()))
                synthetic->setBotShare(m_config.world.botShare);
            break;
        case IncidentKind::SlowWorker:
            m_hub->header().slowdownNs[0].store(0, std::memory_order_relaxed);
            break;
        case IncidentKind::MarketPriceJump:
            m_exchange->setMarketScale(1.0);
            break;
        case IncidentKind::CrashLoop:
            break;
        }
        if (it->kind != IncidentKind::CrashLoop)
            event(EventSeverity::Info, EventKind::Incident, tr("Incident over: %1.").arg(incidentName(it->kind)));
        it = m_incidents.erase(it);
    }
}

// --------------------------------------------------------------------------------------- reporting

void EngineRunner::tick(std::int64_t now, bool last)
{
    const double seconds = static_cast<double>(now - m_lastTickNs) / 1e9;
    const Counters totals = m_exchange->totals();
    EngineSnapshot s;
    s.tick = m_tick++;
    s.elapsedSeconds = elapsedSeconds(now);
    s.tickSeconds = seconds;
    s.simTimeMs = m_exchange->simNowMs();
    s.state = m_state;
    s.targetQps
        = m_config.unlimitedQps ? 0 : static_cast<qint64>(static_cast<double>(m_config.targetQps) * m_qpsFactor);
    s.workerCount = m_config.workers;
    s.tickCounters = totals - m_lastTickTotals;
    s.totals = totals;
    s.rates = Rates::of(s.tickCounters, seconds);
    s.totalRates = Rates::of(totals, s.elapsedSeconds);
    s.latency = m_tickLatency.summary();
    s.computeLatency = m_tickCompute.summary();
    int alive = 0;
    for (const auto& slotPtr : m_slots) {
        Slot& slot = *slotPtr;
        if (slot.state == WorkerState::Stopped && !slot.channel)
            continue;
        WorkerRow row;
        row.id = slot.id;
        row.pid = slot.pid;
        row.state = slot.state;
        row.requestsPerSecond = seconds > 0 ? static_cast<double>(slot.tickAnswered) / seconds : 0.0;
        row.meanLatencyNs = static_cast<qint64>(slot.tickLatency.mean());
        row.p99LatencyNs = static_cast<qint64>(slot.tickLatency.percentile(0.99));
        row.inFlight = slot.channel ? static_cast<qint64>(slot.channel->inFlight()) : 0;
        row.answered = slot.answered;
        row.restarts = slot.restarts;
        s.workers.append(row);
        alive += slot.state == WorkerState::Running;
        slot.tickAnswered = 0;
        slot.tickLatency.reset();
    }
    const auto& books = m_exchange->campaigns();
    for (std::size_t c = 0; c < books.size(); ++c) {
        CampaignRow row;
        row.id = static_cast<int>(c);
        row.name = m_world->campaigns()[c].name;
        row.dailyBudget = books[c].dailyBudget;
        row.spentToday = books[c].spentToday;
        row.spend = books[c].spend;
        row.revenue = books[c].revenue;
        row.bids = books[c].bids;
        row.wins = books[c].wins;
        row.clicks = books[c].clicks;
        row.conversions = books[c].conversions;
        row.exhausted = books[c].exhausted;
        row.pacedOut = books[c].pacedOut;
        row.shading = m_exchange->shadingFactor(static_cast<int>(c));
        s.campaigns.append(row);
    }
    for (const ArmRow& arm : m_exchange->arms())
        s.arms.append(arm);

    m_runLatency.add(m_tickLatency);
    m_runCompute.add(m_tickCompute);
    m_secondLatency.add(m_tickLatency);
    m_tickLatency.reset();
    m_tickCompute.reset();
    m_lastTickTotals = totals;
    m_lastTickNs = now;
    m_nextTickNs = std::max(m_nextTickNs + kTickNs, now + kTickNs / 2);
    if (++m_ticksInSecond == 10 || last) {
        SeriesPoint p;
        p.second = static_cast<int>(m_series.size());
        p.length = static_cast<double>(now - m_secondStartNs) / 1e9;
        m_secondStartNs = now;
        p.counters = totals - m_lastSecondTotals;
        p.p50Ns = static_cast<qint64>(m_secondLatency.percentile(0.5));
        p.p99Ns = static_cast<qint64>(m_secondLatency.percentile(0.99));
        p.p999Ns = static_cast<qint64>(m_secondLatency.percentile(0.999));
        p.workersAlive = alive;
        p.targetQps = s.targetQps;
        m_series.append(p);
        s.second = p;
        m_secondLatency.reset();
        m_lastSecondTotals = totals;
        m_ticksInSecond = 0;
    }
    m_exchange->reportErrors(now);
    if (m_hooks.snapshot)
        m_hooks.snapshot(s);
}

void EngineRunner::finishRun()
{
    RunSummary summary;
    summary.startedAtMs = m_startedAtMs;
    if (m_exchange) {
        if (Status finished = m_exchange->finish(); !finished) {
            event(EventSeverity::Error, EventKind::Warning, finished.error());
            m_failed = true;
            m_endReason = finished.error();
        }
        m_exchange->publish();
        tick(nowNs(), /*last=*/true);
    }
    // Let the workers go: the shutdown flag, a wake-up, then the supervisor waits and kills stragglers.
    if (m_hub) {
        m_hub->header().shutdown.store(1, std::memory_order_release);
        for (const auto& slot : m_slots) {
            slot->expectExit = true;
            if (slot->channel)
                slot->channel->nudge();
        }
        QMetaObject::invokeMethod(
            m_supervisor, [supervisor = m_supervisor] { supervisor->stopAll(1000); }, Qt::QueuedConnection);
        const std::int64_t deadline = nowNs() + 5'000'000'000;
        bool allStopped = false;
        while (!allStopped && nowNs() < deadline) {
            const std::uint32_t token = m_hub->header().engineBell.prepareWait();
            {
                std::lock_guard lock(m_inboxMutex);
                for (const SupervisorNotice& n : m_notices)
                    allStopped = allStopped || n.kind == SupervisorNotice::AllStopped;
                m_notices.clear();
            }
            if (allStopped)
                m_hub->header().engineBell.cancelWait();
            else
                m_hub->header().engineBell.wait(token, 50'000'000);
        }
    }
    const std::int64_t now = nowNs();
    summary.seconds = elapsedSeconds(now);
    summary.scenario = m_config.toJson();
    summary.simStartMs = m_config.world.simStartMs;
    summary.endState = m_failed ? EngineState::Failed : EngineState::Finished;
    summary.endReason = m_endReason.isEmpty() ? tr("Stopped.") : m_endReason;
    if (m_exchange) {
        summary.simEndMs = m_exchange->simNowMs();
        summary.totals = m_exchange->totals();
        summary.arms = QList<ArmRow>(m_exchange->arms().begin(), m_exchange->arms().end());
    }
    summary.rates = Rates::of(summary.totals, summary.seconds);
    summary.latency = m_runLatency.summary();
    summary.computeLatency = m_runCompute.summary();
    for (const auto& slot : m_slots) {
        WorkerRow row;
        row.id = slot->id;
        row.pid = slot->pid;
        row.state = slot->state == WorkerState::Failed ? WorkerState::Failed : WorkerState::Stopped;
        row.answered = slot->answered;
        row.restarts = slot->restarts;
        summary.workers.append(row);
        summary.inFlightAtEnd += slot->channel ? static_cast<qint64>(slot->channel->inFlight()) : 0;
    }
    summary.inFlightAtEnd += static_cast<qint64>(m_pending.size());
    if (m_exchange) {
        const auto& books = m_exchange->campaigns();
        for (std::size_t c = 0; c < books.size(); ++c) {
            CampaignRow row;
            row.id = static_cast<int>(c);
            row.name = m_world->campaigns()[c].name;
            row.dailyBudget = books[c].dailyBudget;
            row.spend = books[c].spend;
            row.revenue = books[c].revenue;
            row.bids = books[c].bids;
            row.wins = books[c].wins;
            row.clicks = books[c].clicks;
            row.conversions = books[c].conversions;
            row.shading = m_exchange->shadingFactor(static_cast<int>(c));
            summary.campaigns.append(row);
        }
    }
    summary.series = m_series;
    summary.workerRestarts = m_totalRestarts;
    if (m_hooks.recorder && !m_ledger.empty()) {
        m_hooks.recorder(m_ledger);
        m_ledger.clear();
    }
    event(m_failed ? EventSeverity::Error : EventSeverity::Info, EventKind::RunFinished,
          tr("Run finished after %1 s: %2 requests, %3 bids, %4 no-bids, %5 timeouts, %6 shed (%7).")
              .arg(summary.seconds, 0, 'f', 1)
              .arg(summary.totals.generated)
              .arg(summary.totals.bids)
              .arg(summary.totals.noBids)
              .arg(summary.totals.timeouts)
              .arg(summary.totals.shed)
              .arg(summary.endReason));
    setState(summary.endState);
    if (m_hooks.finished)
        m_hooks.finished(summary);
}

} // namespace bidlab::engine::detail
