// SPDX-License-Identifier: MIT
// bidlab-worker: a bidder process, started and supervised by the engine. Not meant to be run by hand.
#include <cstdio>

#include <QCoreApplication>
#include <QStringList>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 2 || args.contains(QStringLiteral("--help"))) {
        std::fprintf(stderr,
                     "bidlab-worker: this is a bidder process that the BidLab engine starts itself, with a shared\n"
                     "memory descriptor and a worker slot.\n"
                     "usage: bidlab-worker --shm-fd FD --slot N [--model FILE]\n"
                     "To run a simulation, use 'bidlab' (GUI) or 'bidlab-cli simulate'.\n");
        return 2;
    }
    std::fprintf(stderr, "bidlab-worker: the bidding engine is not built yet (issue 3).\n");
    return 3;
}
