// SPDX-License-Identifier: MIT
#include "core/engine/engine.h"

#include "core/common/app_paths.h"
#include "core/engine/engine_runner.h"

#include <mutex>
#include <thread>

#include <QCoreApplication>
#include <QFileInfo>
#include <QPointer>
#include <QThread>

namespace bidlab::engine {

namespace detail {

// What Engine owns: the long-lived supervisor thread (workers are forked there, and die with it), the
// run's thread and its runner, and the bridge that turns the runner's hooks into queued signals.
class EngineCore
{
public:
    explicit EngineCore(Engine* owner)
        : m_owner(owner)
    {
        registerEngineMetaTypes();
        m_supervisorThread.setObjectName(QStringLiteral("bidlab-supervisor"));
        m_supervisor = new WorkerSupervisor([this](const SupervisorNotice& n) {
            std::lock_guard lock(m_runnerMutex);
            if (m_runner)
                m_runner->notice(n);
        });
        m_supervisor->moveToThread(&m_supervisorThread);
        QObject::connect(&m_supervisorThread, &QThread::finished, m_supervisor, &QObject::deleteLater);
        m_supervisorThread.start();
    }

    ~EngineCore()
    {
        command([](EngineRunner& r) { r.stop(QCoreApplication::translate("Engine", "The engine was shut down.")); });
        join();
        m_supervisorThread.quit();
        m_supervisorThread.wait();
    }

    Status start(const EngineConfig& config)
    {
        if (m_running.load())
            return Error { QCoreApplication::translate("Engine", "A run is already going; stop it first.") };
        const QStringList errors = config.validate();
        if (!errors.isEmpty()) {
            for (const QString& e : errors)
                emitEvent({ QDateTime::currentMSecsSinceEpoch(), 0.0, EventSeverity::Error, EventKind::ConfigRejected,
                            -1, -1, 0, e });
            return Error { errors.join(QLatin1Char('\n')) };
        }
        const QString program = config.workerExecutable.isEmpty() ? siblingExecutable(QStringLiteral("bidlab-worker"))
                                                                  : config.workerExecutable;
        if (program.isEmpty())
            return Error { QCoreApplication::translate("Engine",
                                                       "The bidder program bidlab-worker was not found beside %1.")
                               .arg(QCoreApplication::applicationFilePath()) };
        join();
        {
            std::lock_guard lock(m_configMutex);
            m_config = config;
        }
        EngineRunner::Hooks hooks;
        hooks.snapshot = [this](const EngineSnapshot& s) {
            if (m_snapshotCallback)
                m_snapshotCallback(s);
            post([s](Engine* e) { Q_EMIT e->snapshot(s); });
        };
        hooks.event = [this](const EngineEvent& e) { emitEvent(e); };
        hooks.finished = [this](const RunSummary& summary) {
            m_running.store(false);
            post([summary](Engine* e) { Q_EMIT e->finished(summary); });
        };
        hooks.state = [this](EngineState state) {
            m_state.store(state);
            post([state](Engine* e) { Q_EMIT e->stateChanged(state); });
        };
        hooks.configChanged = [this](const EngineConfig& c) {
            std::lock_guard lock(m_configMutex);
            m_config = c;
        };
        hooks.recorder = m_recorder;
        {
            std::lock_guard lock(m_runnerMutex);
            m_runner = std::make_unique<EngineRunner>(config, program, m_supervisor, std::move(hooks));
        }
        m_running.store(true);
        m_state.store(EngineState::Starting);
        post([](Engine* e) { Q_EMIT e->stateChanged(EngineState::Starting); });
        m_thread = std::thread([this] {
            m_state.store(EngineState::Running);
            post([](Engine* e) { Q_EMIT e->stateChanged(EngineState::Running); });
            m_runner->run();
        });
        return success();
    }

    void command(std::function<void(EngineRunner&)> f)
    {
        std::lock_guard lock(m_runnerMutex);
        if (m_runner && m_running.load())
            m_runner->post(std::move(f));
    }

    EngineState state() const { return m_state.load(); }
    EngineConfig config() const
    {
        std::lock_guard lock(m_configMutex);
        return m_config;
    }
    void setSnapshotCallback(std::function<void(const EngineSnapshot&)> callback)
    {
        m_snapshotCallback = std::move(callback);
    }
    void setRecorder(OutcomeRecorder recorder) { m_recorder = std::move(recorder); }

private:
    // Runs `f` with the Engine in its own thread, later (queued): listeners never run on the engine's threads.
    template<class F> void post(F&& f)
    {
        QPointer<Engine> owner(m_owner);
        QMetaObject::invokeMethod(
            m_owner,
            [owner, f = std::forward<F>(f)] {
                if (owner)
                    f(owner.data());
            },
            Qt::QueuedConnection);
    }
    void emitEvent(const EngineEvent& e)
    {
        post([e](Engine* engine) { Q_EMIT engine->event(e); });
    }
    void join()
    {
        if (m_thread.joinable())
            m_thread.join();
        std::lock_guard lock(m_runnerMutex);
        m_runner.reset();
    }

    Engine* m_owner;
    QThread m_supervisorThread;
    WorkerSupervisor* m_supervisor = nullptr;
    std::mutex m_runnerMutex;
    std::unique_ptr<EngineRunner> m_runner;
    std::thread m_thread;
    std::atomic<bool> m_running { false };
    std::atomic<EngineState> m_state { EngineState::Idle };
    mutable std::mutex m_configMutex;
    EngineConfig m_config;
    std::function<void(const EngineSnapshot&)> m_snapshotCallback;
    OutcomeRecorder m_recorder;
};

} // namespace detail

Engine::Engine(QObject* parent)
    : QObject(parent)
    , m_core(std::make_unique<detail::EngineCore>(this))
{ }

Engine::~Engine() = default;

EngineState Engine::state() const
{
    return m_core->state();
}

EngineConfig Engine::config() const
{
    return m_core->config();
}

void Engine::setSnapshotCallback(std::function<void(const EngineSnapshot&)> callback)
{
    m_core->setSnapshotCallback(std::move(callback));
}

void Engine::setOutcomeRecorder(OutcomeRecorder recorder)
{
    m_core->setRecorder(std::move(recorder));
}

Status Engine::start(const EngineConfig& config)
{
    return m_core->start(config);
}

void Engine::pause()
{
    m_core->command([](detail::EngineRunner& r) { r.pause(); });
}

void Engine::resume()
{
    m_core->command([](detail::EngineRunner& r) { r.resume(); });
}

void Engine::stop()
{
    m_core->command([](detail::EngineRunner& r) { r.stop(QCoreApplication::translate("Engine", "Stopped.")); });
}

void Engine::setWorkerCount(int workers)
{
    m_core->command([workers](detail::EngineRunner& r) { r.setWorkerCount(workers); });
}

void Engine::setTargetQps(qint64 qps)
{
    m_core->command([qps](detail::EngineRunner& r) { r.setTargetQps(qps); });
}

void Engine::setUnlimitedQps(bool unlimited)
{
    m_core->command([unlimited](detail::EngineRunner& r) { r.setUnlimitedQps(unlimited); });
}

void Engine::setStrategy(const bidding::StrategyParams& params)
{
    m_core->command([params](detail::EngineRunner& r) { r.setStrategy(-1, params); });
}

void Engine::setArmStrategy(int arm, const bidding::StrategyParams& params)
{
    m_core->command([arm, params](detail::EngineRunner& r) { r.setStrategy(arm, params); });
}

void Engine::deployModel(const QString& path)
{
    m_core->command([path](detail::EngineRunner& r) { r.deployModel(path); });
}

void Engine::killWorker(int id)
{
    m_core->command([id](detail::EngineRunner& r) { r.killWorker(id); });
}

void Engine::injectIncident(IncidentKind kind)
{
    m_core->command([kind](detail::EngineRunner& r) { r.injectIncident(kind); });
}

} // namespace bidlab::engine
