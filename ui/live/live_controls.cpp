// SPDX-License-Identifier: MIT
#include "ui/live/live_controls.h"

#include "core/common/money.h"
#include "ui/live/qps_scale.h"

#include <vector>

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpressionValidator>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QVBoxLayout>

namespace bidlab::ui {

using bidding::StrategyKind;
using bidding::StrategyParams;
using engine::EngineConfig;
using engine::EngineState;

namespace {

constexpr int kDebounceMs = 150;
const int kWindows[] = { 60, 120, 300, 600 }; // chart windows, seconds

QDoubleSpinBox* moneySpin(QWidget* parent, double maximum = 1000.0)
{
    auto* spin = new QDoubleSpinBox(parent);
    spin->setRange(0.0, maximum);
    spin->setDecimals(3);
    spin->setSingleStep(0.1);
    spin->setSuffix(QStringLiteral(" CPM"));
    spin->setAccelerated(true);
    return spin;
}

void setDebounce(QTimer& timer)
{
    timer.setSingleShot(true);
    timer.setInterval(kDebounceMs);
}

bool isActive(EngineState state)
{
    return state == EngineState::Starting || state == EngineState::Running || state == EngineState::Paused
        || state == EngineState::Stopping;
}

} // namespace

LiveControls::LiveControls(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("liveControls"));
    for (QTimer* timer : { &m_workersDebounce, &m_qpsDebounce, &m_strategyDebounce })
        setDebounce(*timer);
    connect(&m_workersDebounce, &QTimer::timeout, this, [this] { Q_EMIT workerCountChanged(m_workersSpin->value()); });
    connect(&m_qpsDebounce, &QTimer::timeout, this,
            [this] { Q_EMIT targetQpsChanged(m_qpsSpin->value(), m_unlimited->isChecked()); });
    connect(&m_strategyDebounce, &QTimer::timeout, this, [this] { Q_EMIT strategyChanged(strategyParams()); });

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(createRunBox());
    layout->addWidget(createWorkersBox());
    layout->addWidget(createTrafficBox());
    layout->addWidget(createStrategyBox());
    layout->addWidget(createFixedBox());
    layout->addWidget(createChartsBox());
    layout->addStretch(1);
    compact();
    setConfig(EngineConfig {});
    setRunState(EngineState::Idle);
}

void LiveControls::compact()
{
    // The window's control panel is about 280 pixels wide: combos and forms give up width before it scrolls.
    const QList<QComboBox*> combos = findChildren<QComboBox*>();
    for (QComboBox* combo : combos) {
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        combo->setMinimumContentsLength(6);
    }
    const QList<QFormLayout*> forms = findChildren<QFormLayout*>();
    for (QFormLayout* form : forms)
        form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    const QList<QAbstractSpinBox*> spins = findChildren<QAbstractSpinBox*>();
    for (QAbstractSpinBox* spin : spins)
        spin->setMinimumWidth(0);
}

QGroupBox* LiveControls::createRunBox()
{
    auto* box = new QGroupBox(tr("Simulation"), this);
    auto* form = new QFormLayout(box);
    m_state = new QLabel(box);
    m_state->setObjectName(QStringLiteral("runState"));
    m_elapsed = new QLabel(QStringLiteral("—"), box);
    // Texts that change while running keep a fixed size, so that they never re-lay out the control panel.
    for (QLabel* label : { m_state, m_elapsed })
        label->setFixedSize(label->fontMetrics().horizontalAdvance(QStringLiteral("restarting…")) + 8,
                            label->fontMetrics().height());
    form->addRow(tr("State:"), m_state);
    form->addRow(tr("Elapsed:"), m_elapsed);
    auto* hint = new QLabel(tr("Start F5 · Pause F6 · Stop Shift+F5"), box);
    hint->setForegroundRole(QPalette::PlaceholderText);
    form->addRow(hint);
    return box;
}

QGroupBox* LiveControls::createWorkersBox()
{
    auto* box = new QGroupBox(tr("Worker processes"), this);
    auto* row = new QHBoxLayout(box);
    m_workersSlider = new QSlider(Qt::Horizontal, box);
    m_workersSlider->setObjectName(QStringLiteral("workersSlider"));
    m_workersSlider->setRange(EngineConfig::kMinWorkers, EngineConfig::kMaxWorkers);
    m_workersSlider->setPageStep(2);
    m_workersSlider->setTickPosition(QSlider::TicksBelow);
    m_workersSlider->setTickInterval(1);
    m_workersSpin = new QSpinBox(box);
    m_workersSpin->setObjectName(QStringLiteral("workersSpin"));
    m_workersSpin->setRange(EngineConfig::kMinWorkers, EngineConfig::kMaxWorkers);
    const QString tip = tr("bidlab-worker processes bidding in parallel (1–16); changes apply to a running engine: "
                           "new workers start, surplus ones drain and retire.");
    m_workersSlider->setToolTip(tip);
    m_workersSpin->setToolTip(tip);
    row->addWidget(m_workersSlider, 1);
    row->addWidget(m_workersSpin);
    connect(m_workersSlider, &QSlider::valueChanged, m_workersSpin, &QSpinBox::setValue);
    connect(m_workersSpin, &QSpinBox::valueChanged, m_workersSlider, &QSlider::setValue);
    connect(m_workersSpin, &QSpinBox::valueChanged, this, [this] { m_workersDebounce.start(); });
    return box;
}

QGroupBox* LiveControls::createTrafficBox()
{
    auto* box = new QGroupBox(tr("Target QPS"), this);
    auto* column = new QVBoxLayout(box);
    auto* row = new QHBoxLayout;
    m_qpsSlider = new QSlider(Qt::Horizontal, box);
    m_qpsSlider->setObjectName(QStringLiteral("qpsSlider"));
    m_qpsSlider->setRange(0, qps_scale::kSteps);
    m_qpsSlider->setPageStep(qps_scale::kSteps / 20);
    m_qpsSlider->setToolTip(tr("Requests per second the traffic source aims at, on a logarithmic scale from 100 to "
                               "5,000,000."));
    m_qpsSpin = new QSpinBox(box);
    m_qpsSpin->setObjectName(QStringLiteral("qpsSpin"));
    m_qpsSpin->setRange(int(qps_scale::kMin), int(qps_scale::kMax));
    m_qpsSpin->setGroupSeparatorShown(true);
    m_qpsSpin->setAccelerated(true);
    m_qpsSpin->setToolTip(m_qpsSlider->toolTip());
    row->addWidget(m_qpsSlider, 1);
    row->addWidget(m_qpsSpin);
    column->addLayout(row);
    m_unlimited = new QCheckBox(tr("Unlimited"), box);
    m_unlimited->setObjectName(QStringLiteral("unlimitedQps"));
    m_unlimited->setToolTip(tr("As fast as the workers answer: back-pressure from their rings paces the traffic."));
    column->addWidget(m_unlimited);
    connect(m_qpsSlider, &QSlider::valueChanged, this, &LiveControls::setQpsFromSlider);
    connect(m_qpsSpin, &QSpinBox::valueChanged, this, &LiveControls::setQpsFromSpin);
    connect(m_unlimited, &QCheckBox::toggled, this, [this](bool unlimited) {
        m_qpsSlider->setEnabled(!unlimited);
        m_qpsSpin->setEnabled(!unlimited);
        m_qpsDebounce.start();
    });
    return box;
}

void LiveControls::setQpsFromSlider(int position)
{
    const QSignalBlocker blocker(m_qpsSpin);
    m_qpsSpin->setValue(int(qps_scale::qpsAt(position)));
    m_qpsDebounce.start();
}

void LiveControls::setQpsFromSpin(int qps)
{
    const QSignalBlocker blocker(m_qpsSlider);
    m_qpsSlider->setValue(qps_scale::positionOf(qps));
    m_qpsDebounce.start();
}

QGroupBox* LiveControls::createStrategyBox()
{
    auto* box = new QGroupBox(tr("Bid strategy"), this);
    m_strategyForm = new QFormLayout(box);
    m_strategy = new QComboBox(box);
    m_strategy->setObjectName(QStringLiteral("strategy"));
    for (const QString& name : bidding::strategyNames())
        m_strategy->addItem(name, name);
    m_strategy->setToolTip(tr("seed: floor × (1 + LTV) × (1 + relevance); constant; random; linear: base bid × "
                              "pCTR / average CTR; ortb: Zhang et al. 2014's optimal bid function."));
    m_baseBid = moneySpin(box);
    m_averageCtr = new QDoubleSpinBox(box);
    m_averageCtr->setRange(0.001, 100.0);
    m_averageCtr->setDecimals(3);
    m_averageCtr->setSuffix(QStringLiteral(" %"));
    m_randomMin = moneySpin(box);
    m_randomMax = moneySpin(box);
    m_ortbC = moneySpin(box);
    m_ortbLambda = new QDoubleSpinBox(box);
    m_ortbLambda->setDecimals(6);
    m_ortbLambda->setRange(1e-6, 10.0);
    m_ortbLambda->setSingleStep(1e-4);
    m_ortbForm = new QComboBox(box);
    m_ortbForm->addItem(tr("1: √(c/λ·θ + c²) − c"), 1);
    m_ortbForm->addItem(tr("2: cube-root form"), 2);
    m_bidCap = moneySpin(box);
    m_bidCap->setObjectName(QStringLiteral("bidCap"));
    m_bidCap->setSpecialValueText(tr("campaigns' own"));
    m_bidCap->setToolTip(tr("No bid above this CPM, whatever the strategy asks and a campaign allows; at 0 each "
                            "campaign's own max bid (from the scenario) is the only cap."));
    m_shading = new QCheckBox(tr("Shade first-price bids"), box);
    m_shading->setToolTip(tr("Lower first-price bids by a factor learnt from wins and losses."));
    m_strategyNote = new QLabel(tr("Bids never exceed the max bid, a campaign's own max bid (from the scenario), "
                                   "nor what its budget left can pay."),
                                box);
    m_strategyNote->setWordWrap(true);
    m_strategyNote->setForegroundRole(QPalette::PlaceholderText);
    m_strategyForm->addRow(tr("Strategy:"), m_strategy);
    m_strategyForm->addRow(tr("Base bid:"), m_baseBid);
    m_strategyForm->addRow(tr("Average CTR:"), m_averageCtr);
    m_strategyForm->addRow(tr("Lowest bid:"), m_randomMin);
    m_strategyForm->addRow(tr("Highest bid:"), m_randomMax);
    m_strategyForm->addRow(tr("c:"), m_ortbC);
    m_strategyForm->addRow(tr("λ:"), m_ortbLambda);
    m_strategyForm->addRow(tr("Form:"), m_ortbForm);
    m_strategyForm->addRow(tr("Max bid:"), m_bidCap);
    m_strategyForm->addRow(m_shading);
    m_strategyForm->addRow(m_strategyNote);
    connect(m_strategy, &QComboBox::currentIndexChanged, this, [this] {
        showStrategyParameters();
        m_strategyDebounce.start();
    });
    for (QDoubleSpinBox* spin : { m_baseBid, m_averageCtr, m_randomMin, m_randomMax, m_ortbC, m_ortbLambda, m_bidCap })
        connect(spin, &QDoubleSpinBox::valueChanged, this, [this] { m_strategyDebounce.start(); });
    connect(m_ortbForm, &QComboBox::currentIndexChanged, this, [this] { m_strategyDebounce.start(); });
    connect(m_shading, &QCheckBox::toggled, this, [this] { m_strategyDebounce.start(); });
    return box;
}

void LiveControls::showStrategyParameters()
{
    const auto kind = bidding::strategyFromName(m_strategy->currentData().toString()).value_or(StrategyKind::Linear);
    const auto show = [this](QWidget* field, bool visible) { m_strategyForm->setRowVisible(field, visible); };
    show(m_baseBid, kind == StrategyKind::Constant || kind == StrategyKind::Linear);
    show(m_averageCtr, kind == StrategyKind::Linear);
    show(m_randomMin, kind == StrategyKind::Random);
    show(m_randomMax, kind == StrategyKind::Random);
    show(m_ortbC, kind == StrategyKind::Ortb);
    show(m_ortbLambda, kind == StrategyKind::Ortb);
    show(m_ortbForm, kind == StrategyKind::Ortb);
}

QGroupBox* LiveControls::createFixedBox()
{
    m_fixedBox = new QGroupBox(tr("Auction and world"), this);
    auto* form = new QFormLayout(m_fixedBox);
    m_auction = new QComboBox(m_fixedBox);
    m_auction->setObjectName(QStringLiteral("auction"));
    m_auction->addItem(tr("Second price"), int(engine::AuctionType::SecondPrice));
    m_auction->addItem(tr("First price"), int(engine::AuctionType::FirstPrice));
    m_tmax = new QSpinBox(m_fixedBox);
    m_tmax->setRange(1, 10'000);
    m_tmax->setSuffix(QStringLiteral(" ms"));
    m_botShare = new QDoubleSpinBox(m_fixedBox);
    m_botShare->setRange(0.0, 100.0);
    m_botShare->setDecimals(1);
    m_botShare->setSuffix(QStringLiteral(" %"));
    m_seed = new QLineEdit(m_fixedBox);
    m_seed->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("\\d{1,19}")), m_seed));
    m_campaigns = new QSpinBox(m_fixedBox);
    m_campaigns->setRange(1, 10'000);
    m_evenPacing = new QCheckBox(tr("Even pacing of budgets"), m_fixedBox);
    m_duration = new QSpinBox(m_fixedBox);
    m_duration->setRange(0, 24 * 3600);
    m_duration->setSuffix(QStringLiteral(" s"));
    m_duration->setSpecialValueText(tr("until stopped"));
    form->addRow(tr("Auction:"), m_auction);
    form->addRow(tr("tmax:"), m_tmax);
    form->addRow(tr("Bot share:"), m_botShare);
    form->addRow(tr("Seed:"), m_seed);
    form->addRow(tr("Campaigns:"), m_campaigns);
    form->addRow(m_evenPacing);
    form->addRow(tr("Run length:"), m_duration);
    connect(m_auction, &QComboBox::currentIndexChanged, this, &LiveControls::updateShadingEnabled);
    return m_fixedBox;
}

void LiveControls::updateShadingEnabled()
{
    const bool firstPrice = m_auction->currentData().toInt() == int(engine::AuctionType::FirstPrice);
    m_shading->setEnabled(firstPrice);
    m_shading->setToolTip(firstPrice ? tr("Lower first-price bids by a factor learnt from wins and losses.")
                                     : tr("Bid shading applies to first-price auctions only."));
}

QGroupBox* LiveControls::createChartsBox()
{
    auto* box = new QGroupBox(tr("Charts"), this);
    auto* form = new QFormLayout(box);
    m_window = new QComboBox(box);
    m_window->setObjectName(QStringLiteral("chartWindow"));
    for (const int seconds : kWindows)
        m_window->addItem(seconds < 120 ? tr("%1 s").arg(seconds) : tr("%1 min").arg(seconds / 60), seconds);
    form->addRow(tr("Window:"), m_window);
    connect(m_window, &QComboBox::currentIndexChanged, this,
            [this] { Q_EMIT chartWindowChanged(chartWindowSeconds()); });
    return box;
}

double LiveControls::chartWindowSeconds() const
{
    return m_window->currentData().toDouble();
}

void LiveControls::setChartWindowSeconds(double seconds)
{
    const int index = m_window->findData(int(seconds));
    if (index >= 0)
        m_window->setCurrentIndex(index);
}

StrategyParams LiveControls::strategyParams() const
{
    StrategyParams p = m_base.strategy;
    p.kind = bidding::strategyFromName(m_strategy->currentData().toString()).value_or(p.kind);
    p.baseBidCpm = fromUnits(m_baseBid->value());
    p.averageCtr = m_averageCtr->value() / 100.0;
    p.randomMinCpm = fromUnits(m_randomMin->value());
    p.randomMaxCpm = fromUnits(m_randomMax->value());
    p.ortbCCpm = fromUnits(m_ortbC->value());
    p.ortbLambda = m_ortbLambda->value();
    p.ortbForm = std::uint8_t(m_ortbForm->currentData().toInt());
    p.shading = m_shading->isChecked();
    p.maxBidCpm = fromUnits(m_bidCap->value());
    return p;
}

EngineConfig LiveControls::config() const
{
    EngineConfig c = m_base;
    c.workers = m_workersSpin->value();
    c.unlimitedQps = m_unlimited->isChecked();
    c.targetQps = m_qpsSpin->value();
    c.strategy = strategyParams();
    c.auction = engine::AuctionType(m_auction->currentData().toInt());
    c.tmaxMs = m_tmax->value();
    c.world.botShare = m_botShare->value() / 100.0;
    bool ok = false;
    const quint64 seed = m_seed->text().toULongLong(&ok);
    if (ok)
        c.seed = seed;
    if (c.world.campaigns.empty())
        c.world.campaignCount = m_campaigns->value();
    c.world.evenPacing = m_evenPacing->isChecked();
    c.durationSeconds = m_duration->value();
    return c;
}

void LiveControls::setConfig(const EngineConfig& config)
{
    m_base = config;
    // Quietly: a scenario being shown is not a change to send to the engine.
    const QList<QWidget*> widgets = findChildren<QWidget*>();
    std::vector<QSignalBlocker> blockers;
    blockers.reserve(std::size_t(widgets.size()));
    for (QWidget* widget : widgets)
        blockers.emplace_back(widget);
    m_workersSpin->setValue(config.workers);
    m_workersSlider->setValue(config.workers);
    m_unlimited->setChecked(config.unlimitedQps);
    m_qpsSpin->setValue(int(std::clamp(config.targetQps, qps_scale::kMin, qps_scale::kMax)));
    m_qpsSlider->setValue(qps_scale::positionOf(config.targetQps));
    m_qpsSlider->setEnabled(!config.unlimitedQps);
    m_qpsSpin->setEnabled(!config.unlimitedQps);
    const StrategyParams& p = config.strategy;
    m_strategy->setCurrentIndex(std::max(0, m_strategy->findData(bidding::strategyName(p.kind))));
    m_baseBid->setValue(toUnits(p.baseBidCpm));
    m_averageCtr->setValue(p.averageCtr * 100.0);
    m_randomMin->setValue(toUnits(p.randomMinCpm));
    m_randomMax->setValue(toUnits(p.randomMaxCpm));
    m_ortbC->setValue(toUnits(p.ortbCCpm));
    m_ortbLambda->setValue(p.ortbLambda);
    m_ortbForm->setCurrentIndex(std::max(0, m_ortbForm->findData(int(p.ortbForm))));
    m_shading->setChecked(p.shading);
    m_bidCap->setValue(toUnits(p.maxBidCpm));
    m_auction->setCurrentIndex(std::max(0, m_auction->findData(int(config.auction))));
    m_tmax->setValue(config.tmaxMs);
    m_botShare->setValue(config.world.botShare * 100.0);
    m_seed->setText(QString::number(config.seed));
    m_campaigns->setValue(config.world.campaigns.empty() ? config.world.campaignCount
                                                         : int(config.world.campaigns.size()));
    m_campaigns->setEnabled(config.world.campaigns.empty() && !m_running);
    m_evenPacing->setChecked(config.world.evenPacing);
    m_duration->setValue(int(config.durationSeconds));
    blockers.clear();
    showStrategyParameters();
    updateShadingEnabled();
}

void LiveControls::setRunState(EngineState state)
{
    m_running = isActive(state);
    m_state->setText(engine::engineStateName(state));
    // What a running engine cannot change is disabled, and says why.
    const QString fixed = tr("Fixed for the length of a run: stop the run to change it.");
    const QList<QWidget*> fixedWidgets = m_fixedBox->findChildren<QWidget*>();
    for (QWidget* widget : fixedWidgets) {
        widget->setEnabled(!m_running);
        widget->setToolTip(m_running ? fixed : QString());
    }
    m_fixedBox->setToolTip(m_running ? fixed : QString());
    if (!m_running)
        m_campaigns->setEnabled(m_base.world.campaigns.empty());
}

void LiveControls::setElapsed(double seconds)
{
    const int whole = int(seconds);
    m_elapsed->setText(QStringLiteral("%1:%2:%3")
                           .arg(whole / 3600)
                           .arg(whole / 60 % 60, 2, 10, QLatin1Char('0'))
                           .arg(whole % 60, 2, 10, QLatin1Char('0')));
}

} // namespace bidlab::ui
