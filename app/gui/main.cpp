// SPDX-License-Identifier: MIT
// bidlab: the desktop application.
#include "app/gui/gui_options.h"
#include "ui/mainwindow/main_window.h"
#include "ui/mainwindow/panel.h"

#include <cstdio>
#include <cstring>

#include <QApplication>
#include <QPixmap>
#include <QTabWidget>
#include <QTimer>

namespace {

void scheduleScreenshot(bidlab::ui::MainWindow& window, const QString& path, int afterMs)
{
    QTimer::singleShot(afterMs, &window, [&window, path] {
        const QPixmap pixmap = window.grab();
        const bool saved = !pixmap.isNull() && pixmap.save(path, "PNG");
        if (!saved)
            std::fprintf(stderr, "bidlab: cannot write the screenshot '%s'\n", qPrintable(path));
        else
            std::printf("bidlab: wrote %s (%dx%d)\n", qPrintable(path), pixmap.width(), pixmap.height());
        window.close();
        QCoreApplication::exit(saved ? 0 : 1);
    });
}

void openTab(bidlab::ui::MainWindow& window, const QString& key)
{
    if (bidlab::ui::Panel* panel = window.panel(key))
        window.tabs()->setCurrentWidget(panel);
    else
        std::fprintf(stderr, "bidlab: there is no tab '%s'\n", qPrintable(key));
}

void setIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("BidLab"));
    QCoreApplication::setApplicationName(QStringLiteral("bidlab"));
    QCoreApplication::setApplicationVersion(QStringLiteral(BIDLAB_VERSION));
}

// --help and --version are answered without a display (over ssh, in a script), where QApplication would stop
// at the missing platform plugin. Other arguments wait for QApplication, which takes Qt's own (-platform, ...).
bool asksForHelp(int argc, char* argv[])
{
    for (int i = 1; i < argc; ++i) {
        for (const char* option : { "-h", "--help", "--help-all", "-v", "--version" }) {
            if (std::strcmp(argv[i], option) == 0)
                return true;
        }
    }
    return false;
}

int printHelp(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    setIdentity();
    int exitCode = 0;
    parseGuiOptions(QCoreApplication::arguments(), &exitCode);
    return exitCode;
}

} // namespace

int main(int argc, char* argv[])
{
    if (asksForHelp(argc, argv))
        return printHelp(argc, argv);
    QApplication app(argc, argv);
    setIdentity();
    QApplication::setApplicationDisplayName(QStringLiteral("BidLab"));
    QApplication::setDesktopFileName(QStringLiteral("io.github.bidlab.BidLab"));

    int exitCode = 0;
    const std::optional<GuiOptions> options = parseGuiOptions(QApplication::arguments(), &exitCode);
    if (!options)
        return exitCode;

    bidlab::ui::MainWindow window;
    if (!options->theme.isEmpty())
        bidlab::ui::applyTheme(bidlab::ui::themeFromName(options->theme));
    if (!options->tab.isEmpty())
        openTab(window, options->tab);
    QVariantMap startup;
    startup.insert(QStringLiteral("start"), options->start);
    if (!options->scenario.isEmpty())
        startup.insert(QStringLiteral("scenario"), options->scenario);
    for (bidlab::ui::Panel* panel : window.panels())
        panel->applyStartupOptions(startup);
    window.show();
    if (!options->screenshotPath.isEmpty())
        scheduleScreenshot(window, options->screenshotPath, options->screenshotAfterMs);
    return QApplication::exec();
}
