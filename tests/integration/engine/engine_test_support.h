// SPDX-License-Identifier: MIT
#pragma once

#include "core/engine/engine.h"

#include <atomic>
#include <mutex>
#include <optional>
#include <vector>

#include <QList>
#include <QSignalSpy>
#include <QTest>

// Helpers for the engine's integration tests: real worker processes (BIDLAB_WORKER), real shared memory.
namespace bidlab::test {

// A small world that starts fast; budgets tight enough to bind within a short run.
inline engine::EngineConfig smallConfig(int workers)
{
    engine::EngineConfig c;
    c.workers = workers;
    c.workerExecutable = QStringLiteral(BIDLAB_WORKER);
    c.world.users = 20'000;
    c.world.publishers = 500;
    c.world.campaignCount = 40;
    return c;
}

// Every outcome the engine reports, by request id: exactly-once checks.
class Ledger
{
public:
    engine::OutcomeRecorder recorder()
    {
        return [this](std::span<const engine::OutcomeRecord> records) {
            std::lock_guard lock(m_mutex);
            for (const engine::OutcomeRecord& r : records) {
                if (r.requestId >= m_outcomes.size())
                    m_outcomes.resize(r.requestId + 1, 0);
                ++m_outcomes[r.requestId];
                m_last.resize(m_outcomes.size());
                m_last[r.requestId] = r.outcome;
                ++m_count[static_cast<int>(r.outcome)];
            }
        };
    }
    // Ids 0..generated-1 each exactly once; returns a description of the first problem, or empty.
    QString check(qint64 generated) const
    {
        std::lock_guard lock(m_mutex);
        if (static_cast<qint64>(m_outcomes.size()) != generated)
            return QStringLiteral("the ledger knows %1 ids, %2 were generated").arg(m_outcomes.size()).arg(generated);
        for (std::size_t id = 0; id < m_outcomes.size(); ++id) {
            if (m_outcomes[id] != 1)
                return QStringLiteral("request %1 has %2 outcomes").arg(id).arg(m_outcomes[id]);
        }
        return {};
    }
    qint64 count(engine::Outcome o) const
    {
        std::lock_guard lock(m_mutex);
        return m_count[static_cast<int>(o)];
    }

private:
    mutable std::mutex m_mutex;
    std::vector<std::uint8_t> m_outcomes;
    std::vector<engine::Outcome> m_last;
    qint64 m_count[4] = {};
};

// Runs the engine to its end; returns the summary (fails the test on a timeout).
inline engine::RunSummary runToEnd(engine::Engine& engine, const engine::EngineConfig& config, int timeoutMs = 120'000)
{
    QSignalSpy finished(&engine, &engine::Engine::finished);
    const Status started = engine.start(config);
    if (!started) {
        qWarning("start failed: %s", qPrintable(started.error()));
        return {};
    }
    if (!finished.wait(timeoutMs)) {
        qWarning("the run did not finish in time");
        return {};
    }
    return finished.first().first().value<engine::RunSummary>();
}

// Waits until a snapshot satisfies `predicate` (fed by the engine's queued signal); returns that snapshot.
template<class F>
std::optional<engine::EngineSnapshot> waitForSnapshot(engine::Engine& engine, F&& predicate, int timeoutMs = 30'000)
{
    std::optional<engine::EngineSnapshot> seen;
    const auto connection = QObject::connect(&engine, &engine::Engine::snapshot, [&](const engine::EngineSnapshot& s) {
        if (!seen && predicate(s))
            seen = s;
    });
    [[maybe_unused]] const bool done = QTest::qWaitFor([&] { return seen.has_value(); }, timeoutMs);
    QObject::disconnect(connection);
    return seen;
}

// Waits for an event of `kind` (optionally about `worker`); returns it.
inline std::optional<engine::EngineEvent> waitForEvent(engine::Engine& engine, engine::EventKind kind, int worker = -2,
                                                       int timeoutMs = 30'000)
{
    std::optional<engine::EngineEvent> seen;
    const auto connection = QObject::connect(&engine, &engine::Engine::event, [&](const engine::EngineEvent& e) {
        if (!seen && e.kind == kind && (worker == -2 || e.worker == worker))
            seen = e;
    });
    [[maybe_unused]] const bool done = QTest::qWaitFor([&] { return seen.has_value(); }, timeoutMs);
    QObject::disconnect(connection);
    return seen;
}

} // namespace bidlab::test
