// SPDX-License-Identifier: MIT
#include "ui/mainwindow/main_window.h"

#include "core/jobs/job_pool.h"
#include "ui/mainwindow/media_icons.h"
#include "ui/mainwindow/panel.h"
#include "ui/mainwindow/panel_list.h"
#include "ui/report/report_export.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QThread>
#include <QThreadPool>
#include <QToolBar>

namespace bidlab::ui {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_controls(new QStackedWidget(m_splitter))
    , m_tabs(new QTabWidget(m_splitter))
    , m_toolBar(addToolBar(tr("Main")))
    , m_threadsLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("MainWindow"));
    setWindowTitle(tr("BidLab"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/bidlab.svg")));
    m_toolBar->setObjectName(QStringLiteral("mainToolBar"));
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_controls->setObjectName(QStringLiteral("controlPanel"));
    m_tabs->setObjectName(QStringLiteral("panelTabs"));
    m_tabs->setDocumentMode(true);
    m_controls->setMinimumWidth(220);

    createSimulationActions();
    m_panels = createPanels(m_tabs);
    for (Panel* panel : std::as_const(m_panels)) {
        panel->bindSimulationActions(m_simulation);
        m_tabs->addTab(panel, panel->title());
        QWidget* controls = panel->controls();
        auto* scroll = new QScrollArea(m_controls);
        scroll->setWidgetResizable(true);
        scroll->setFrameShape(QFrame::NoFrame);
        if (controls)
            scroll->setWidget(controls);
        else
            scroll->setWidget(new QLabel(tr("This tab has no controls."), scroll));
        m_controls->addWidget(scroll);
        m_toolBar->addActions(panel->toolBarActions());
        connect(panel, &Panel::statusMessage, statusBar(), &QStatusBar::showMessage);
        connect(panel, &Panel::raiseRequested, m_tabs, [this, panel] { m_tabs->setCurrentWidget(panel); });
        connect(panel, &Panel::deployModelRequested, this, &MainWindow::deployModel);
        connect(panel, &Panel::runLiveRequested, this, &MainWindow::runLive);
        connect(panel, &Panel::reportChanged, this, [this, panel] {
            if (m_tabs->currentWidget() == panel)
                m_exportAction->setEnabled(panel->currentReport().has_value());
        });
    }
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({ 280, 1000 });
    setCentralWidget(m_splitter);

    createActions();
    statusBar()->addPermanentWidget(m_threadsLabel);
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::showCurrentControls);
    restoreSettings();
    showCurrentControls();
    if (statusBar()->currentMessage().isEmpty()) // a panel's word on its restored settings stays
        statusBar()->showMessage(tr("Ready"), 3000);
}

MainWindow::~MainWindow() = default;

Panel* MainWindow::panel(const QString& key) const
{
    for (Panel* p : m_panels) {
        if (p->key() == key)
            return p;
    }
    return nullptr;
}

void MainWindow::createSimulationActions()
{
    auto make = [this](const QString& text, const QKeySequence& shortcut) {
        auto* action = new QAction(text, this);
        action->setShortcut(shortcut);
        action->setEnabled(false);
        action->setToolTip(tr("%1 (%2): the bidding engine is not available in this build")
                               .arg(text, shortcut.toString(QKeySequence::NativeText)));
        m_toolBar->addAction(action);
        return action;
    };
    m_simulation.start = make(tr("Start"), QKeySequence(Qt::Key_F5));
    m_simulation.pause = make(tr("Pause"), QKeySequence(Qt::Key_F6));
    m_simulation.stop = make(tr("Stop"), QKeySequence(Qt::SHIFT | Qt::Key_F5));
    drawSimulationIcons();
    m_simulation.start->setObjectName(QStringLiteral("simulationStart"));
    m_simulation.pause->setObjectName(QStringLiteral("simulationPause"));
    m_simulation.stop->setObjectName(QStringLiteral("simulationStop"));
    m_toolBar->addSeparator();
}

void MainWindow::drawSimulationIcons()
{
    m_simulation.start->setIcon(mediaIcon(MediaIcon::Play, palette()));
    m_simulation.pause->setIcon(mediaIcon(MediaIcon::Pause, palette()));
    m_simulation.stop->setIcon(mediaIcon(MediaIcon::Stop, palette()));
}

void MainWindow::changeEvent(QEvent* event)
{
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_simulation.start)
        drawSimulationIcons(); // a theme change: the icons take the new palette's colours
}

void MainWindow::createActions()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    for (Panel* panel : std::as_const(m_panels)) {
        const QList<QAction*> actions = panel->fileMenuActions();
        if (!actions.isEmpty()) {
            file->addActions(actions);
            file->addSeparator();
        }
    }
    m_exportAction = file->addAction(style()->standardIcon(QStyle::SP_DialogSaveButton), tr("&Export report…"), this,
                                     &MainWindow::exportCurrentReport);
    m_exportAction->setShortcut(QKeySequence(tr("Ctrl+E")));
    m_exportAction->setToolTip(tr("Write the current tab's report as CSV, XLSX or PDF"));
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_exportAction);
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    QMenu* simulation = menuBar()->addMenu(tr("&Simulation"));
    simulation->addActions({ m_simulation.start, m_simulation.pause, m_simulation.stop });

    QMenu* view = menuBar()->addMenu(tr("&View"));
    auto* themes = new QActionGroup(this);
    for (Theme theme : { Theme::System, Theme::Light, Theme::Dark }) {
        const QString label = theme == Theme::System ? tr("System style")
            : theme == Theme::Light                  ? tr("Light (Fusion)")
                                                     : tr("Dark (Fusion)");
        QAction* action = view->addAction(label, this, [this, theme] { setTheme(theme); });
        action->setCheckable(true);
        action->setChecked(theme == m_theme);
        action->setData(themeName(theme));
        themes->addAction(action);
    }
    view->addSeparator();
    QAction* fullScreen = view->addAction(tr("&Full screen"), this, [this](bool on) {
        setWindowState(on ? windowState() | Qt::WindowFullScreen : windowState() & ~Qt::WindowFullScreen);
    });
    fullScreen->setCheckable(true);
    fullScreen->setShortcut(QKeySequence::FullScreen);

    QMenu* settings = menuBar()->addMenu(tr("&Settings"));
    settings->addAction(tr("Background &job threads…"), this, &MainWindow::chooseJobThreads);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* aboutAction = help->addAction(tr("&About BidLab"), this, &MainWindow::about);
    aboutAction->setMenuRole(QAction::AboutRole);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);

    // Tab switching: Ctrl+1..9.
    for (int i = 0; i < m_tabs->count() && i < 9; ++i) {
        auto* go = new QAction(this);
        go->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + i)));
        connect(go, &QAction::triggered, m_tabs, [this, i] { m_tabs->setCurrentIndex(i); });
        addAction(go);
    }
}

void MainWindow::showCurrentControls()
{
    const int index = m_tabs->currentIndex();
    if (index >= 0)
        m_controls->setCurrentIndex(index);
    auto* panel = qobject_cast<Panel*>(m_tabs->currentWidget());
    m_exportAction->setEnabled(panel && panel->currentReport().has_value());
}

void MainWindow::exportCurrentReport()
{
    auto* panel = qobject_cast<Panel*>(m_tabs->currentWidget());
    if (!panel)
        return;
    const std::optional<report::Report> report = panel->currentReport();
    if (!report) {
        statusBar()->showMessage(tr("This tab has nothing to export yet."), 5000);
        return;
    }
    QSettings settings;
    const QString lastDir = settings.value(QStringLiteral("export/lastDir")).toString();
    QString selectedFilter;
    const QString path
        = QFileDialog::getSaveFileName(this, tr("Export report"), lastDir, reportFileFilters(), &selectedFilter);
    if (path.isEmpty())
        return;
    settings.setValue(QStringLiteral("export/lastDir"), QFileInfo(path).absolutePath());
    const Status status = exportReport(*report, path);
    if (!status.ok()) {
        QMessageBox::warning(this, tr("Export failed"), status.error());
        return;
    }
    statusBar()->showMessage(tr("Exported '%1'.").arg(path), 5000);
}

void MainWindow::chooseJobThreads()
{
    bool ok = false;
    const int threads = QInputDialog::getInt(
        this, tr("Background job threads"), tr("Threads for aggregation, training and analysis jobs:"),
        jobs::jobPool()->maxThreadCount(), 1, 4 * QThread::idealThreadCount(), 1, &ok);
    if (!ok)
        return;
    jobs::setJobThreadCount(threads);
    m_threadsLabel->setText(tr("Job threads: %1").arg(jobs::jobPool()->maxThreadCount()));
}

void MainWindow::setTheme(Theme theme)
{
    m_theme = theme;
    applyTheme(theme);
}

void MainWindow::about()
{
    QMessageBox::about(
        this, tr("About BidLab"),
        tr("<h3>BidLab %1</h3>"
           "<p>A desktop lab for real-time bidding and ad analytics: a multi-process bidding "
           "simulation with live charts, and parallel batch jobs over ad data.</p>"
           "<p>Built with Qt %2 (running on %3) and Eigen.</p>"
           "<p>MIT licence.</p>")
            .arg(QStringLiteral(BIDLAB_VERSION), QStringLiteral(QT_VERSION_STR), QString::fromLatin1(qVersion())));
}

bool MainWindow::deployModel(const QString& path)
{
    for (Panel* panel : std::as_const(m_panels)) {
        if (panel->deployModel(path)) {
            statusBar()->showMessage(tr("Model %1 sent to the bidder workers of %2.").arg(path, panel->title()), 8000);
            return true;
        }
    }
    statusBar()->showMessage(tr("No simulation runs in this window, so the model %1 was not deployed. Start a run "
                                "with it: bidlab-cli simulate --model %1")
                                 .arg(path),
                             15000);
    return false;
}

Status MainWindow::runLive(const engine::EngineConfig& config)
{
    for (Panel* panel : std::as_const(m_panels)) {
        if (const std::optional<Status> started = panel->runLive(config)) {
            if (!started->ok())
                statusBar()->showMessage(started->error(), 15000);
            return *started;
        }
    }
    const QString message = tr("No tab of this window drives a live engine, so %1 did not start.").arg(config.name);
    statusBar()->showMessage(message, 15000);
    return Error { message };
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("mainWindow"));
    settings.setValue(QStringLiteral("geometry"), saveGeometry());
    settings.setValue(QStringLiteral("state"), saveState());
    settings.setValue(QStringLiteral("splitter"), m_splitter->saveState());
    settings.setValue(QStringLiteral("currentTab"), m_tabs->currentIndex());
    settings.setValue(QStringLiteral("theme"), themeName(m_theme));
    settings.setValue(QStringLiteral("jobThreads"), jobs::jobPool()->maxThreadCount());
    settings.endGroup();
    for (Panel* panel : m_panels) {
        settings.beginGroup(QStringLiteral("panels/") + panel->key());
        panel->saveSettings(settings);
        settings.endGroup();
    }
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("mainWindow"));
    if (!restoreGeometry(settings.value(QStringLiteral("geometry")).toByteArray()))
        resize(1280, 800);
    restoreState(settings.value(QStringLiteral("state")).toByteArray());
    m_splitter->restoreState(settings.value(QStringLiteral("splitter")).toByteArray());
    m_tabs->setCurrentIndex(
        std::clamp(settings.value(QStringLiteral("currentTab"), 0).toInt(), 0, std::max(0, m_tabs->count() - 1)));
    setTheme(themeFromName(settings.value(QStringLiteral("theme")).toString()));
    for (QAction* action : findChildren<QAction*>()) {
        if (action->isCheckable() && action->data().isValid())
            action->setChecked(action->data().toString() == themeName(m_theme));
    }
    jobs::setJobThreadCount(settings.value(QStringLiteral("jobThreads"), QThread::idealThreadCount()).toInt());
    m_threadsLabel->setText(tr("Job threads: %1").arg(jobs::jobPool()->maxThreadCount()));
    settings.endGroup();
    for (Panel* panel : std::as_const(m_panels)) {
        settings.beginGroup(QStringLiteral("panels/") + panel->key());
        panel->restoreSettings(settings);
        settings.endGroup();
    }
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    saveSettings();
    event->accept();
}

} // namespace bidlab::ui
