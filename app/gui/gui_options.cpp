// SPDX-License-Identifier: MIT
#include "app/gui/gui_options.h"

#include <cstdio>

#include <QCommandLineParser>
#include <QCoreApplication>

std::optional<GuiOptions> parseGuiOptions(const QStringList& arguments, int* exitCode)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "BidLab: a desktop lab for real-time bidding and ad analytics."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        QCoreApplication::translate("main", "Save a PNG of the window and quit."),
                                        QStringLiteral("file"));
    const QCommandLineOption after(QStringLiteral("after"),
                                   QCoreApplication::translate("main", "Wait this long before the screenshot."),
                                   QStringLiteral("ms"), QStringLiteral("1500"));
    const QCommandLineOption tab(QStringLiteral("tab"),
                                 QCoreApplication::translate("main", "Open this tab first (live, aggregation, …)."),
                                 QStringLiteral("key"));
    const QCommandLineOption theme(QStringLiteral("theme"),
                                   QCoreApplication::translate("main", "Colour theme: system, light or dark."),
                                   QStringLiteral("name"));
    const QCommandLineOption start(QStringLiteral("start"),
                                   QCoreApplication::translate("main", "Start the bidding simulation at once."));
    const QCommandLineOption scenario(QStringLiteral("scenario"),
                                      QCoreApplication::translate("main", "Load this scenario file."),
                                      QStringLiteral("file"));
    parser.addOptions({ screenshot, after, tab, theme, start, scenario });

    if (!parser.parse(arguments)) {
        std::fprintf(stderr, "bidlab: %s\n", qPrintable(parser.errorText()));
        *exitCode = 2;
        return std::nullopt;
    }
    if (parser.isSet(QStringLiteral("help")) || parser.isSet(QStringLiteral("version"))) {
        if (parser.isSet(QStringLiteral("version")))
            std::printf("bidlab %s\n", BIDLAB_VERSION);
        else
            std::printf("%s", qPrintable(parser.helpText()));
        *exitCode = 0;
        return std::nullopt;
    }

    GuiOptions options;
    options.screenshotPath = parser.value(screenshot);
    bool ok = false;
    options.screenshotAfterMs = parser.value(after).toInt(&ok);
    if (!ok || options.screenshotAfterMs < 0 || options.screenshotAfterMs > 600'000) {
        std::fprintf(stderr, "bidlab: --after takes milliseconds between 0 and 600000, not '%s'\n",
                     qPrintable(parser.value(after)));
        *exitCode = 2;
        return std::nullopt;
    }
    options.tab = parser.value(tab);
    options.theme = parser.value(theme);
    if (!options.theme.isEmpty() && options.theme != QLatin1String("system") && options.theme != QLatin1String("light")
        && options.theme != QLatin1String("dark")) {
        std::fprintf(stderr, "bidlab: --theme must be system, light or dark, not '%s'\n", qPrintable(options.theme));
        *exitCode = 2;
        return std::nullopt;
    }
    options.start = parser.isSet(start);
    options.scenario = parser.value(scenario);
    return options;
}
