// SPDX-License-Identifier: MIT
#include "ui/replay/replay_controls.h"

#include "core/engine/engine_config.h"
#include "core/replay/campaign_info.h"
#include "core/replay/episode_rules.h"

#include <algorithm>

#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

namespace bidlab::ui {

namespace {

// iPinYou's campaign folders in the shared data, when the environment names it (a first guess only).
QString defaultCampaignFolder()
{
    const QString shared = qEnvironmentVariable("BIDLAB_SHARED_DATA");
    const QString folder = QDir(shared).filePath(QStringLiteral("ipinyou/1458"));
    return !shared.isEmpty() && QFileInfo::exists(folder) ? folder : QString();
}

QToolButton* browseButton(QWidget* parent, const QString& tip)
{
    auto* button = new QToolButton(parent);
    button->setText(QStringLiteral("…"));
    button->setToolTip(tip);
    return button;
}

} // namespace

ReplayControls::ReplayControls(QWidget* parent)
    : QWidget(parent)
    , m_folder(new QLineEdit(this))
    , m_log(new QComboBox(this))
    , m_strategy(new QComboBox(this))
    , m_c0(new QComboBox(this))
    , m_episode(new QSpinBox(this))
    , m_limit(new QSpinBox(this))
    , m_b0(new QDoubleSpinBox(this))
    , m_budget(new QLabel(this))
    , m_run(new QPushButton(tr("Run replay"), this))
    , m_liveQps(new QSpinBox(this))
    , m_runLive(new QPushButton(tr("Run live"), this))
{
    setObjectName(QStringLiteral("replayControls"));
    m_folder->setObjectName(QStringLiteral("campaignFolder"));
    m_folder->setPlaceholderText(tr("folder holding info.json"));
    m_log->setObjectName(QStringLiteral("replayLog"));
    m_log->setEditable(true);
    m_log->setToolTip(tr("An iPinYou log (click price pCTR per line) or a file of OpenRTB bid requests"));
    m_strategy->setObjectName(QStringLiteral("replayStrategy"));
    for (const QString& name : replay::replayStrategyNames()) {
        replay::StrategySpec spec;
        spec.name = name;
        m_strategy->addItem(replay::strategyLabel(spec), name);
    }
    m_c0->setObjectName(QStringLiteral("replayC0"));
    m_c0->setEditable(true);
    m_c0->addItems({ QStringLiteral("1/32"), QStringLiteral("1/16"), QStringLiteral("1/8"), QStringLiteral("1/4"),
                     QStringLiteral("1/2") });
    m_c0->setToolTip(tr("Budget per episode as a share of the training cost of N auctions"));
    m_episode->setObjectName(QStringLiteral("replayEpisode"));
    m_episode->setRange(1, 1'000'000);
    m_episode->setValue(1000);
    m_limit->setObjectName(QStringLiteral("replayLimit"));
    m_limit->setRange(0, 1'000'000'000);
    m_limit->setSpecialValueText(tr("all"));
    m_limit->setToolTip(tr("Replay only the first auctions of the log (the paper: 350,000)"));
    m_b0->setObjectName(QStringLiteral("replayB0"));
    m_b0->setRange(0, 1e6);
    m_b0->setSpecialValueText(tr("tune"));
    m_b0->setToolTip(tr("Constant's bid, linear's base bid, random's highest bid, in the log's price unit; "
                        "\"tune\" chooses it (and ORTB's λ) on the campaign's validation log"));
    m_budget->setWordWrap(true);
    m_budget->setObjectName(QStringLiteral("replayBudget"));
    m_run->setObjectName(QStringLiteral("runReplay"));
    m_liveQps->setObjectName(QStringLiteral("replayLiveQps"));
    m_liveQps->setRange(0, int(engine::EngineConfig::kMaxQps));
    m_liveQps->setSingleStep(1000);
    m_liveQps->setValue(20'000);
    m_liveQps->setSpecialValueText(tr("unlimited"));
    m_liveQps->setSuffix(tr(" QPS"));
    m_liveQps->setToolTip(tr("Requests per second of a live replay (at least %1); 0: as fast as the workers answer")
                              .arg(engine::EngineConfig::kMinQps));
    m_runLive->setObjectName(QStringLiteral("runReplayLive"));
    m_runLive->setToolTip(tr("Replay, then replay the same log through the live engine's worker processes on the "
                             "Live bidding tab (constant, random, linear and ORTB only); its totals equal the "
                             "replay's"));
    // The control panel is narrow: let the fields shrink rather than size to their longest entry.
    for (QComboBox* combo : { m_log, m_strategy, m_c0 }) {
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        combo->setMinimumContentsLength(6);
    }
    m_folder->setMinimumWidth(60);
    m_run->setDefault(true);

    auto* folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    QToolButton* folderButton = browseButton(this, tr("Choose the campaign folder"));
    folderRow->addWidget(folderButton);
    auto* logRow = new QHBoxLayout;
    logRow->addWidget(m_log, 1);
    QToolButton* logButton = browseButton(this, tr("Choose a log file"));
    logRow->addWidget(logButton);

    auto* form = new QFormLayout;
    form->addRow(tr("Campaign"), folderRow);
    form->addRow(tr("Log"), logRow);
    form->addRow(tr("Strategy"), m_strategy);
    form->addRow(tr("c0"), m_c0);
    form->addRow(tr("Episode (N)"), m_episode);
    form->addRow(tr("Auctions"), m_limit);
    form->addRow(tr("b0"), m_b0);
    form->addRow(tr("Live"), m_liveQps);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_budget);
    layout->addWidget(m_run);
    layout->addWidget(m_runLive);
    layout->addStretch(1);

    connect(folderButton, &QToolButton::clicked, this, &ReplayControls::browseFolder);
    connect(logButton, &QToolButton::clicked, this, &ReplayControls::browseLog);
    connect(m_folder, &QLineEdit::editingFinished, this, &ReplayControls::refreshLogs);
    connect(m_c0, &QComboBox::currentTextChanged, this, &ReplayControls::refreshBudget);
    connect(m_episode, &QSpinBox::valueChanged, this, &ReplayControls::refreshBudget);
    connect(m_run, &QPushButton::clicked, this, &ReplayControls::runRequested);
    connect(m_runLive, &QPushButton::clicked, this, &ReplayControls::runLiveRequested);
    setCampaignFolder(defaultCampaignFolder());
}

QString ReplayControls::infoPath() const
{
    return QDir(m_folder->text().trimmed()).filePath(QStringLiteral("info.json"));
}

void ReplayControls::setCampaignFolder(const QString& folder)
{
    m_folder->setText(folder);
    refreshLogs();
}

void ReplayControls::setLog(const QString& path)
{
    const int index = m_log->findData(path);
    if (index >= 0)
        m_log->setCurrentIndex(index);
    else
        m_log->setEditText(path);
}

void ReplayControls::setStrategy(const QString& name)
{
    const int index = m_strategy->findData(name);
    if (index >= 0)
        m_strategy->setCurrentIndex(index);
}

void ReplayControls::setRunning(bool running)
{
    m_run->setEnabled(!running);
    m_runLive->setEnabled(!running);
}

qint64 ReplayControls::liveQps() const
{
    return m_liveQps->value() == 0 ? 0 : std::max<qint64>(m_liveQps->value(), engine::EngineConfig::kMinQps);
}

void ReplayControls::setLiveQps(qint64 qps)
{
    m_liveQps->setValue(int(std::clamp<qint64>(qps, 0, engine::EngineConfig::kMaxQps)));
}

void ReplayControls::browseFolder()
{
    const QString folder
        = QFileDialog::getExistingDirectory(this, tr("Campaign folder (with info.json)"), m_folder->text());
    if (!folder.isEmpty())
        setCampaignFolder(folder);
}

void ReplayControls::browseLog()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Auction log"), m_folder->text(),
                                                      tr("Auction logs (*.txt *.json *.jsonl);;All files (*)"));
    if (!path.isEmpty())
        setLog(path);
}

// Lists the folder's logs (iPinYou text logs, OpenRTB request files) and shows the budget B.
void ReplayControls::refreshLogs()
{
    const QString previous = m_log->currentData().toString();
    m_log->clear();
    const QDir folder(m_folder->text().trimmed());
    if (!m_folder->text().trimmed().isEmpty()) {
        for (const QString& name :
             folder.entryList({ QStringLiteral("*.txt"), QStringLiteral("*.jsonl"), QStringLiteral("*.ndjson") },
                              QDir::Files, QDir::Name))
            m_log->addItem(name, folder.filePath(name));
    }
    const int kept = m_log->findData(previous); // a log of another folder does not follow
    if (kept >= 0)
        m_log->setCurrentIndex(kept);
    refreshBudget();
}

void ReplayControls::refreshBudget()
{
    const auto info = replay::readCampaignInfo(infoPath());
    const auto c0 = replay::parseShare(m_c0->currentText());
    if (!info) {
        m_budget->setText(m_folder->text().isEmpty() ? tr("Choose a campaign folder.") : info.error());
        return;
    }
    if (!c0) {
        m_budget->setText(tr("c0 must be a share such as 1/32 or 0.25."));
        return;
    }
    m_budget->setText(tr("Campaign %1: B = %2 per episode of %3 auctions; training CTR %4 %, cost per auction %5.")
                          .arg(info->campaign)
                          .arg(replay::episodeBudget(*info, *c0, m_episode->value()))
                          .arg(m_episode->value())
                          .arg(info->averageCtr() * 100.0, 0, 'f', 4)
                          .arg(info->costPerAuction(), 0, 'f', 2));
}

Expected<replay::ReplayParams> ReplayControls::params() const
{
    replay::ReplayParams params;
    params.infoPath = infoPath();
    const QString log = m_log->currentText().trimmed();
    const int item = m_log->findText(log);
    params.logPath = item >= 0 ? m_log->itemData(item).toString() : log;
    if (QFileInfo(params.logPath).isRelative())
        params.logPath = QDir(m_folder->text().trimmed()).filePath(params.logPath);
    if (m_folder->text().trimmed().isEmpty())
        return Error { tr("Choose a campaign folder (one holding info.json).") };
    if (log.isEmpty())
        return Error { tr("Choose a log to replay.") };
    const auto c0 = replay::parseShare(m_c0->currentText());
    if (!c0)
        return Error { tr("c0 must be a share above 0 and at most 1, such as 1/32 or 0.25.") };
    params.c0 = *c0;
    params.episodeLength = m_episode->value();
    params.maxAuctions = m_limit->value() > 0 ? m_limit->value() : -1;
    params.strategy.name = m_strategy->currentData().toString();
    if (m_b0->value() > 0)
        params.strategy.b0 = m_b0->value();
    const QDir folder(m_folder->text().trimmed());
    const QString tuning = folder.filePath(QStringLiteral("%1.validation.txt").arg(folder.dirName()));
    if (replay::needsTuning(params.strategy) && QFileInfo::exists(tuning))
        params.tuneLogPath = tuning;
    return params;
}

void ReplayControls::saveSettings(QSettings& settings) const
{
    settings.setValue(QStringLiteral("folder"), m_folder->text());
    const int item = m_log->findText(m_log->currentText());
    settings.setValue(QStringLiteral("log"), item >= 0 ? m_log->itemData(item).toString() : m_log->currentText());
    settings.setValue(QStringLiteral("strategy"), m_strategy->currentData().toString());
    settings.setValue(QStringLiteral("c0"), m_c0->currentText());
    settings.setValue(QStringLiteral("episode"), m_episode->value());
    settings.setValue(QStringLiteral("limit"), m_limit->value());
    settings.setValue(QStringLiteral("b0"), m_b0->value());
    settings.setValue(QStringLiteral("liveQps"), m_liveQps->value());
}

void ReplayControls::restoreSettings(QSettings& settings)
{
    const QString folder = settings.value(QStringLiteral("folder")).toString();
    if (!folder.isEmpty())
        setCampaignFolder(folder);
    const QString log = settings.value(QStringLiteral("log")).toString();
    if (!log.isEmpty())
        setLog(log);
    setStrategy(settings.value(QStringLiteral("strategy"), QStringLiteral("rlb")).toString());
    m_c0->setCurrentText(settings.value(QStringLiteral("c0"), QStringLiteral("1/32")).toString());
    m_episode->setValue(settings.value(QStringLiteral("episode"), 1000).toInt());
    m_limit->setValue(settings.value(QStringLiteral("limit"), 0).toInt());
    m_b0->setValue(settings.value(QStringLiteral("b0"), 0.0).toDouble());
    setLiveQps(settings.value(QStringLiteral("liveQps"), 20'000).toLongLong());
    refreshBudget();
}

} // namespace bidlab::ui
