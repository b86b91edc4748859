// SPDX-License-Identifier: MIT
#include "core/jobs/job.h"
#include "core/jobs/job_tracker.h"
#include "tests/common/test_support.h"
#include "ui/jobs/job_view.h"
#include "ui/mainwindow/main_window.h"
#include "ui/mainwindow/panel.h"
#include "ui/mainwindow/theme.h"

#include <algorithm>
#include <cmath>

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QImage>
#include <QSettings>
#include <QSplitter>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QThread>
#include <QToolBar>
#include <QToolButton>

using namespace bidlab;
using namespace bidlab::ui;

namespace {

// WCAG 2 contrast ratio of two colours: 1 (none) to 21 (black on white).
double contrast(const QColor& a, const QColor& b)
{
    const auto luminance = [](const QColor& c) {
        const auto channel = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
    };
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

// The contrast of a tool button's icon with the button's background as drawn: the corner pixel is the
// background, the icon's pixel that differs most from it is the icon.
double iconContrast(QToolBar* toolBar, QAction* action)
{
    const QImage image = toolBar->widgetForAction(action)->grab().toImage();
    const QColor background = image.pixelColor(1, 1);
    double best = 1.0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x)
            best = std::max(best, contrast(image.pixelColor(x, y), background));
    }
    return best;
}

} // namespace

class MainWindowTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { QSettings().clear(); }

    void opensWithEveryTab()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QStringList titles;
        for (int i = 0; i < window.tabs()->count(); ++i)
            titles << window.tabs()->tabText(i);
        for (const char* expected : { "Live bidding", "Aggregation", "Training", "A/B tests", "Anomalies", "Reports" })
            QVERIFY2(titles.contains(QString::fromUtf8(expected)), expected);
        QCOMPARE(window.size(), QSize(1280, 800)); // first launch default
        QVERIFY(window.findChild<QSplitter*>(QStringLiteral("mainSplitter")));
        auto* start = window.findChild<QAction*>(QStringLiteral("simulationStart"));
        auto* stop = window.findChild<QAction*>(QStringLiteral("simulationStop"));
        QVERIFY(start && stop);
        QCOMPARE(start->shortcut(), QKeySequence(Qt::Key_F5));
        QVERIFY(window.findChild<QToolBar*>(QStringLiteral("mainToolBar"))->actions().contains(start));
    }

    // Start, Pause and Stop read on the light and the dark palette, and follow a theme change.
    void simulationIconsReadOnEveryPalette()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto* toolBar = window.findChild<QToolBar*>(QStringLiteral("mainToolBar"));
        QAction* start = window.findChild<QAction*>(QStringLiteral("simulationStart"));
        QAction* pause = window.findChild<QAction*>(QStringLiteral("simulationPause"));
        QAction* stop = window.findChild<QAction*>(QStringLiteral("simulationStop"));
        QVERIFY(start->isEnabled() && !pause->isEnabled() && !stop->isEnabled()); // idle
        for (const Theme theme : { Theme::Light, Theme::Dark, Theme::Light, Theme::Dark }) {
            applyTheme(theme);
            QCoreApplication::processEvents(); // the widgets take the new palette
            QCOMPARE(window.palette().color(QPalette::Window), qApp->palette().color(QPalette::Window));
            const QString what = themeName(theme);
            // Enabled: at least WCAG's 4.5 for text; disabled: dimmer, yet still there.
            QVERIFY2(iconContrast(toolBar, start) >= 4.5, qPrintable(what));
            QVERIFY2(iconContrast(toolBar, pause) >= 1.5, qPrintable(what));
            QVERIFY2(iconContrast(toolBar, stop) >= 1.5, qPrintable(what));
            QVERIFY2(iconContrast(toolBar, pause) < iconContrast(toolBar, start), qPrintable(what));
        }
        applyTheme(Theme::Light);
    }

    void settingsPersistAcrossLaunches()
    {
        QList<int> sizes;
        {
            MainWindow first;
            first.show();
            QVERIFY(QTest::qWaitForWindowExposed(&first));
            first.resize(1100, 700);
            first.tabs()->setCurrentIndex(2);
            auto* splitter = first.findChild<QSplitter*>(QStringLiteral("mainSplitter"));
            splitter->setSizes({ 300, 800 });
            sizes = splitter->sizes();
            first.close(); // closeEvent saves
        }
        MainWindow second;
        second.show();
        QVERIFY(QTest::qWaitForWindowExposed(&second));
        QCOMPARE(second.tabs()->currentIndex(), 2);
        QCOMPARE(second.size(), QSize(1100, 700));
        QCOMPARE(second.findChild<QSplitter*>(QStringLiteral("mainSplitter"))->sizes(), sizes);
    }

    void theRealProgramRemembersItsTab()
    {
        // Two launches of the real executable, sharing a settings folder.
        QTemporaryDir config;
        QTemporaryDir shots;
        const QStringList env { QStringLiteral("XDG_CONFIG_HOME=") + config.path(),
                                QStringLiteral("QT_QPA_PLATFORM=offscreen") };
        const QString shot = shots.filePath(QStringLiteral("a.png"));
        auto first
            = test::runProgram(QStringLiteral(BIDLAB_GUI),
                               { QStringLiteral("--tab"), QStringLiteral("anomalies"), QStringLiteral("--screenshot"),
                                 shot, QStringLiteral("--after"), QStringLiteral("200") },
                               60'000, env);
        QVERIFY2(first.exitCode == 0, qPrintable(first.err));
        const QImage image(shot);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() >= 800);
        // Not blank: more than a handful of distinct colours.
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 7)
            for (int x = 0; x < image.width(); x += 7)
                colours.insert(image.pixel(x, y));
        QVERIFY(colours.size() > 5);

        const QString second = shots.filePath(QStringLiteral("b.png"));
        auto again = test::runProgram(
            QStringLiteral(BIDLAB_GUI),
            { QStringLiteral("--screenshot"), second, QStringLiteral("--after"), QStringLiteral("200") }, 60'000, env);
        QVERIFY2(again.exitCode == 0, qPrintable(again.err));
        QSettings saved(QDir(config.path()).filePath(QStringLiteral("BidLab/bidlab.conf")), QSettings::IniFormat);
        QCOMPARE(saved.value(QStringLiteral("mainWindow/currentTab")).toInt(), 4);
    }

    void badGuiArgumentsAreRefused()
    {
        auto result
            = test::runProgram(QStringLiteral(BIDLAB_GUI), { QStringLiteral("--after"), QStringLiteral("soon") },
                               30'000, { QStringLiteral("QT_QPA_PLATFORM=offscreen") });
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(QStringLiteral("--after")), qPrintable(result.err));
    }

    void helpNeedsNoDisplay()
    {
        // The xcb platform with no X server: --help and --version are still answered, not Qt's plugin error.
        const QStringList noDisplay { QStringLiteral("QT_QPA_PLATFORM=xcb"), QStringLiteral("DISPLAY=:987") };
        auto help = test::runProgram(QStringLiteral(BIDLAB_GUI), { QStringLiteral("--help") }, 30'000, noDisplay);
        QCOMPARE(help.exitCode, 0);
        QVERIFY2(help.out.contains(QStringLiteral("--screenshot")), qPrintable(help.out + help.err));
        auto version = test::runProgram(QStringLiteral(BIDLAB_GUI), { QStringLiteral("--version") }, 30'000, noDisplay);
        QCOMPARE(version.exitCode, 0);
        QVERIFY2(version.out.startsWith(QStringLiteral("bidlab ")), qPrintable(version.out + version.err));
    }

    void jobViewFollowsAJob()
    {
        QThreadPool pool;
        jobs::JobTracker tracker;
        JobView view;
        view.setTracker(&tracker);
        view.show();
        auto future = jobs::runJob<int>(
            &pool,
            [](QPromise<jobs::JobResult<int>>& promise, int steps) {
                jobs::JobContext<int> job(promise, 0);
                for (int i = 1; i <= steps; ++i) {
                    if (job.canceled())
                        return;
                    QThread::msleep(2);
                    job.progress(i, steps, QStringLiteral("chunk %1 of %2").arg(i).arg(steps));
                }
                job.succeed(steps);
            },
            5000);
        tracker.track(future, [](int) {});
        QTRY_VERIFY_WITH_TIMEOUT(view.statusText().startsWith(QStringLiteral("chunk")), 10'000);
        QTRY_VERIFY(view.progressValue() > 0);
        auto* cancel = view.findChild<QToolButton*>(QStringLiteral("cancelJob"));
        QVERIFY(cancel && cancel->isEnabled());
        QTest::mouseClick(cancel, Qt::LeftButton);
        QCOMPARE(view.statusText(), QStringLiteral("Cancelled."));
        QVERIFY(!cancel->isEnabled());
        future.waitForFinished();
        QCOMPARE(future.resultCount(), 0);
    }
};

BIDLAB_TEST_MAIN_GUI(MainWindowTest)
#include "test_main_window.moc"
