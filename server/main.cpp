// benchtop-server: the lab server on its own, for a team, plus the key and user administration
// that the API itself does not offer.
#include "LabServer.h"
#include "Logging.h"
#include "Users.h"
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

// Key and user administration, which the API itself does not offer. Returns an exit code.
int administer(LabServer &server, const QCommandLineParser &parser, const QString &user)
{
    ApiKeys &keys = server.apiKeys();
    if (parser.isSet(u"create-user"_s)) {
        QString error;
        const QString handle = parser.value(u"create-user"_s);
        if (!createUser(server.database(), handle, parser.value(u"name"_s), &error))
            return fail(error);
        err() << "Created user " << handle << Qt::endl;
        if (!parser.isSet(u"create-key"_s))
            return 0;
    }
    if (parser.isSet(u"create-key"_s)) {
        QString error;
        const QString name = parser.value(u"create-key"_s);
        const QString key = keys.create(user, name, &error);
        if (key.isEmpty())
            return fail(error);
        out() << key << Qt::endl;
        err() << "Created key \"" << name << "\" for " << user
              << ". It is shown only now: store it safely." << Qt::endl;
        return 0;
    }
    if (parser.isSet(u"revoke-key"_s)) {
        QString error;
        if (!keys.revoke(parser.value(u"revoke-key"_s), &error))
            return fail(error);
        out() << "revoked" << Qt::endl;
        return 0;
    }
    for (const ApiKeyInfo &key : keys.list()) {
        out() << key.id << '\t' << key.userHandle << '\t' << key.name << '\t' << key.createdAt
              << '\t' << (key.revokedAt.isEmpty() ? u"live"_s : u"revoked "_s + key.revokedAt)
              << Qt::endl;
    }
    return 0;
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
        u"Benchling-compatible lab server: serves /api/v2 until stopped, or, with one of the "
        "key and user options, administers the database and exits."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    const QString defaultDb = u"sqlite:"_s +
                              QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
                              u"/lab.sqlite"_s;
    parser.addOptions({
        {u"db"_s, u"sqlite:PATH or postgresql://user:pass@host:port/db."_s, u"database"_s,
         defaultDb},
        {u"listen"_s, u"HOST:PORT to serve on; loopback unless told (port 0: any free)."_s,
         u"host:port"_s, u"127.0.0.1:8470"_s},
        {u"seed-demo"_s, u"Seed a demo lab and the user 'demo' into an empty database."_s},
        {u"create-user"_s, u"Create a user with this handle, then exit."_s, u"handle"_s},
        {u"name"_s, u"Full name for --create-user."_s, u"name"_s},
        {u"create-key"_s, u"Issue an API key with this name for --user, print it, exit."_s,
         u"name"_s},
        {u"revoke-key"_s, u"Revoke the key with this id or name, then exit."_s, u"id-or-name"_s},
        {u"list-keys"_s, u"List API keys, then exit."_s},
        {u"user"_s, u"User handle for --create-key."_s, u"handle"_s,
         QString::fromUtf16(kDemoUserHandle)},
        {u"rate-limit"_s,
         u"Requests allowed per API key and window, as N/SECONDS (0: unlimited)."_s, u"n/seconds"_s,
         u"1000/10"_s},
        {u"token-lifetime"_s, u"Seconds an OAuth access token stays valid."_s, u"seconds"_s,
         u"900"_s},
    });
    parser.process(app);

    LabServerConfig config;
    QString database = parser.value(u"db"_s);
    if (database.startsWith(u"sqlite:"_s))
        database = database.mid(7);
    config.database = database;
    config.seedDemoData = parser.isSet(u"seed-demo"_s);
    const QString listen = parser.value(u"listen"_s);
    const qsizetype colon = listen.lastIndexOf(u':');
    bool portOk = false;
    config.port = listen.mid(colon + 1).toUShort(&portOk);
    QString host = listen.left(colon);
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2); // [::1]:8470
    if (colon < 0 || !portOk || !config.address.setAddress(host))
        return fail(u"--listen takes HOST:PORT, e.g. 127.0.0.1:8470 or 0.0.0.0:8470"_s);

    const QStringList rate = parser.value(u"rate-limit"_s).split(u'/');
    bool rateOk = false;
    bool windowOk = rate.size() == 1;
    config.rateLimit = rate.first().toInt(&rateOk);
    if (rate.size() == 2)
        config.rateWindowSeconds = rate.last().toInt(&windowOk);
    if (!rateOk || !windowOk || config.rateLimit < 0 || config.rateWindowSeconds < 1)
        return fail(u"--rate-limit takes N/SECONDS, e.g. 1000/10, or 0 for no limit"_s);
    bool lifetimeOk = false;
    config.tokenLifetimeSeconds = parser.value(u"token-lifetime"_s).toInt(&lifetimeOk);
    if (!lifetimeOk || config.tokenLifetimeSeconds < 1)
        return fail(u"--token-lifetime takes a number of seconds"_s);

    LabServer server(config);
    const bool administering = parser.isSet(u"create-user"_s) || parser.isSet(u"create-key"_s) ||
                               parser.isSet(u"revoke-key"_s) || parser.isSet(u"list-keys"_s);
    if (administering) {
        QString error;
        if (!server.database().open(&error))
            return fail(error);
        if (config.seedDemoData && !seedDemoDataIfEmpty(server.database()))
            return fail(u"could not seed demo data"_s);
        // A key made together with a new user is that user's unless --user says otherwise.
        const QString user = !parser.isSet(u"user"_s) && parser.isSet(u"create-user"_s)
                                 ? parser.value(u"create-user"_s)
                                 : parser.value(u"user"_s);
        return administer(server, parser, user);
    }

    QString error;
    if (!server.start(&error))
        return fail(error);
    out() << "Serving " << server.baseUrl().toString() << "/api/v2 from " << config.database
          << Qt::endl;
    return QCoreApplication::exec();
}
