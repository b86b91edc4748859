// SPDX-License-Identifier: MIT
// bidlab-cli: everything the GUI does, headless. `bidlab-cli help` lists the commands.
#include "app/cli/cli_command.h"

#include <memory>

#include <QApplication>
#include <QCoreApplication>

using namespace bidlab::cli;

namespace {

QString usage()
{
    QString text
        = QStringLiteral("usage: bidlab-cli COMMAND [options]   (bidlab-cli COMMAND --help for its options)\n\n"
                         "Commands:\n");
    for (const Command& command : commands())
        text += QStringLiteral("  %1 %2\n").arg(command.name, -16).arg(command.summary);
    text += QStringLiteral("\nOptions:\n  --version        print the version\n  --help           print this help\n"
                           "\nExit codes: 0 ok, 1 failure, 2 bad arguments, 3 bad input file, 130 interrupted.\n");
    return text;
}

const Command* findCommand(const QString& name)
{
    for (const Command& command : commands()) {
        if (command.name == name)
            return &command;
    }
    return nullptr;
}

void setIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("BidLab"));
    QCoreApplication::setApplicationName(QStringLiteral("bidlab"));
    QCoreApplication::setApplicationVersion(QStringLiteral(BIDLAB_VERSION));
}

} // namespace

int main(int argc, char* argv[])
{
    const QString name = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QString();
    if (name.isEmpty() || name == QLatin1String("--help") || name == QLatin1String("-h")
        || name == QLatin1String("help")) {
        const Command* topic = argc > 2 ? findCommand(QString::fromLocal8Bit(argv[2])) : nullptr;
        if (!topic) {
            printOut(usage());
            return name.isEmpty() ? kUsage : kOk;
        }
        QCoreApplication app(argc, argv);
        setIdentity();
        return topic->run({ QStringLiteral("bidlab-cli ") + topic->name, QStringLiteral("--help") });
    }
    if (name == QLatin1String("--version")) {
        printOut(QStringLiteral("bidlab-cli %1 (Qt %2)")
                     .arg(QStringLiteral(BIDLAB_VERSION), QString::fromLatin1(qVersion())));
        return kOk;
    }
    const Command* command = findCommand(name);
    if (!command) {
        printErr(QStringLiteral("bidlab-cli: unknown command '%1'.\n").arg(name) + usage());
        return kUsage;
    }

    // PDF export and charts need a GUI application; the CLI never needs a display.
    std::unique_ptr<QCoreApplication> app;
    if (command->needsGui) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
        app = std::make_unique<QApplication>(argc, argv);
    } else {
        app = std::make_unique<QCoreApplication>(argc, argv);
    }
    setIdentity();
    QStringList arguments = QCoreApplication::arguments().mid(2);
    arguments.prepend(QStringLiteral("bidlab-cli ") + command->name);
    return command->run(arguments);
}
