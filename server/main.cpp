// benchtop-server: the lab server on its own, for a team, plus the key and user administration
// that the API itself does not offer.
#include "LabServer.h"
#include "Logging.h"
#include "storage/DemoData.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QSqlError>
#include <QStandardPaths>
#include <QTextStream>

#include <cstdio>

using namespace benchtop::server;
using namespace Qt::StringLiterals;

namespace {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

int fail(const QString &message)
{
    err() << "benchtop-server: " << message << Qt::endl;
    return 1;
}

int runKeys(LabServer &server, const QStringList &args, const QString &user)
{
    ApiKeys &keys = server.apiKeys();
    const QString verb = args.value(1);
    if (verb == u"create"_s) {
        QString error;
        const QString name = args.value(2, u"api key"_s);
        const QString key = keys.create(user, name, &error);
        if (key.isEmpty())
            return fail(error);
        out() << key << Qt::endl;
        err() << "Created key \"" << name << "\" for " << user
              << ". It is shown only now: store it safely." << Qt::endl;
        return 0;
    }
    if (verb == u"revoke"_s && args.size() == 3) {
        if (!keys.revoke(args[2]))
            return fail(u"no live key with id or name \"%1\""_s.arg(args[2]));
        out() << "revoked" << Qt::endl;
        return 0;
    }
    if (verb == u"list"_s) {
        for (const ApiKeyInfo &key : keys.list()) {
            out() << key.id << '\t' << key.userHandle << '\t' << key.name << '\t' << key.createdAt
                  << '\t' << (key.revokedAt.isEmpty() ? u"live"_s : u"revoked "_s + key.revokedAt)
                  << Qt::endl;
        }
        return 0;
    }
    return fail(u"usage: keys create [NAME] | keys revoke ID-OR-NAME | keys list"_s);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(u"Benchtop"_s);
    QCoreApplication::setApplicationName(u"benchtop-server"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(BENCHTOP_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Benchling-compatible lab server.\n\n"
        "Commands:\n"
        "  serve (default)            serve the API under /api/v2\n"
        "  keys create [NAME]         issue an API key for --user (printed once)\n"
        "  keys revoke ID-OR-NAME     revoke a key\n"
        "  keys list                  list keys"_s);
    parser.addHelpOption();
    parser.addVersionOption();
    const QString defaultDb =
        QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/lab.sqlite"_s;
    QCommandLineOption database(u"database"_s,
                                u"SQLite file, or postgresql://user:pass@host:port/db."_s,
                                u"path-or-url"_s, defaultDb);
    QCommandLineOption listen(u"listen"_s, u"Address to bind (loopback unless told)."_s,
                              u"address"_s, u"127.0.0.1"_s);
    QCommandLineOption port(u"port"_s, u"TCP port (0 picks a free one)."_s, u"port"_s, u"8470"_s);
    QCommandLineOption noDemo(u"no-demo-data"_s,
                              u"Do not seed demo data into an empty database."_s);
    QCommandLineOption user(u"user"_s, u"User handle for 'keys create'."_s, u"handle"_s,
                            QString::fromUtf16(kDemoUserHandle));
    parser.addOptions({database, listen, port, noDemo, user});
    parser.addPositionalArgument(u"command"_s, u"serve, or keys ..."_s, u"[command]"_s);
    parser.process(app);

    LabServerConfig config;
    config.database = parser.value(database);
    config.seedDemoData = !parser.isSet(noDemo);
    if (!config.address.setAddress(parser.value(listen)))
        return fail(u"not an address: %1"_s.arg(parser.value(listen)));
    bool portOk = false;
    config.port = parser.value(port).toUShort(&portOk);
    if (!portOk)
        return fail(u"not a port: %1"_s.arg(parser.value(port)));

    const QStringList args = parser.positionalArguments();
    const QString command = args.value(0, u"serve"_s);
    LabServer server(config);
    if (command == u"keys"_s) {
        QString error;
        if (!server.database().open(&error))
            return fail(error);
        if (config.seedDemoData && !seedDemoDataIfEmpty(server.database()))
            return fail(u"could not seed demo data"_s);
        return runKeys(server, args, parser.value(user));
    }
    if (command != u"serve"_s)
        return fail(u"unknown command \"%1\"; see --help"_s.arg(command));

    QString error;
    if (!server.start(&error))
        return fail(error);
    out() << "Serving " << server.baseUrl().toString() << "/api/v2 from " << config.database
          << Qt::endl;
    return QCoreApplication::exec();
}
