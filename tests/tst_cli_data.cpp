// benchtop-cli against a real lab server: the executable runs in a QProcess against an in-process
// TestLabServer (asynchronously, so the server and FaultProxy keep serving on this thread), and
// every check compares what the CLI printed with what the server holds, asked directly.
#include "bio/ApiJson.h"
#include "bio/Fasta.h"
#include "bio/GenBank.h"

#include "ApiTestClient.h"
#include "FaultProxy.h"
#include "TestLabServer.h"
#include "app/ConnectionProfiles.h"
#include "app/SecretStore.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace benchtop::bio;
using benchtop::test::ApiTestClient;
using benchtop::test::FaultProxy;
using benchtop::test::TestLabServer;

namespace {

const QString kCli = QStringLiteral(BENCHTOP_CLI);
const QString kData = QStringLiteral(BENCHTOP_TEST_DATA);

struct Run
{
    int code = -1;
    QByteArray out;
    QByteArray err;
};

// Positions in grid order: "A1" < "A2" < ... < "B1".
std::pair<int, int> cellOf(const QString &position)
{
    return {position.at(0).unicode() - u'A', position.mid(1).toInt() - 1};
}

} // namespace

class TestCliData : public QObject
{
    Q_OBJECT

    TestLabServer m_lab;
    QTemporaryDir m_home;
    std::unique_ptr<ApiTestClient> m_api;

    QStringList connection() const
    {
        return {u"--server"_s, m_lab.baseUrl().toString(), u"--api-key"_s, m_lab.apiKey()};
    }

    // Runs benchtop-cli without blocking this thread's event loop (the proxy lives on it).
    Run cli(const QStringList &arguments, const QProcessEnvironment &extra = {})
    {
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove(u"BENCHTOP_SERVER"_s);
        environment.remove(u"BENCHTOP_API_KEY"_s);
        environment.insert(u"HOME"_s, m_home.path());
        environment.insert(u"XDG_CONFIG_HOME"_s, m_home.filePath(u"config"_s));
        for (const QString &key : extra.keys())
            environment.insert(key, extra.value(key));
        process.setProcessEnvironment(environment);
        QSignalSpy finished(&process, &QProcess::finished);
        process.start(kCli, arguments);
        Run run;
        if (!process.waitForStarted(10'000) || !finished.wait(90'000)) {
            process.kill();
            process.waitForFinished(5'000);
            run.err = "benchtop-cli did not finish: " + process.readAllStandardError();
            return run;
        }
        run.out = process.readAllStandardOutput();
        run.err = process.readAllStandardError();
        run.code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
        return run;
    }
    Run cliOn(const QStringList &arguments) { return cli(connection() + arguments); }

    QList<QJsonObject> listAll(const QString &path, const QString &key)
    {
        QList<QJsonObject> all;
        QString token;
        do {
            const auto page =
                m_api->get(path + (path.contains(u'?') ? u"&"_s : u"?"_s) + u"pageSize=100"_s +
                           (token.isEmpty() ? QString() : u"&nextToken="_s + token));
            if (page.status != 200)
                return {};
            for (const QJsonValue &item : page.json.value(key).toArray())
                all.append(item.toObject());
            token = page.json.value(u"nextToken"_s).toString();
        } while (!token.isEmpty());
        return all;
    }

    QJsonObject fetch(const QString &path) { return m_api->get(path).json; }

    // A box of the demo freezer with containers in it and at least `free` empty positions.
    QJsonObject boxWithRoom(int free)
    {
        for (const QJsonObject &box : listAll(u"/boxes"_s, u"boxes"_s)) {
            if (box.value(u"filledPositions"_s).toInt() > 0 &&
                box.value(u"emptyPositions"_s).toInt() >= free)
                return box;
        }
        return {};
    }

    // The box's contents by position.
    QHash<QString, QString> contents(const QString &boxId)
    {
        QHash<QString, QString> held;
        for (const QJsonObject &item : listAll(u"/boxes/%1/contents"_s.arg(boxId), u"containers"_s))
            held.insert(item.value(u"gridPosition"_s).toString(), item.value(u"id"_s).toString());
        return held;
    }

    // Empty positions of a box, in grid order.
    QStringList emptyPositions(const QString &boxId)
    {
        const QJsonObject box = fetch(u"/boxes/"_s + boxId);
        const QJsonObject schema = fetch(u"/box-schemas/"_s + box[u"schema"_s][u"id"_s].toString());
        const QHash<QString, QString> held = contents(boxId);
        QStringList empty;
        for (int row = 0; row < schema[u"height"_s].toInt(); ++row) {
            for (int column = 0; column < schema[u"width"_s].toInt(); ++column) {
                const QString position = QChar(u'A' + row) + QString::number(column + 1);
                if (!held.contains(position))
                    empty.append(position);
            }
        }
        return empty;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        QVERIFY(m_lab.start());
        m_api = std::make_unique<ApiTestClient>(m_lab.baseUrl(), m_lab.apiKey());
        qInfo("Back end: %s", qPrintable(m_lab.backendName()));
    }

    void usage()
    {
        Run run = cli({u"ls"_s, u"locations"_s});
        QCOMPARE(run.code, 2);
        QVERIFY2(run.err.contains("no server"), run.err);
        QVERIFY(run.out.isEmpty());

        run = cliOn({u"ls"_s, u"freezers"_s});
        QCOMPARE(run.code, 2);
        QVERIFY2(run.err.contains("unknown collection 'freezers'"), run.err);
        run = cliOn({u"move"_s, u"con_x"_s});
        QCOMPARE(run.code, 2);
        run = cliOn({u"move"_s, u"con_x"_s, u"seq_y"_s});
        QCOMPARE(run.code, 2);
        QVERIFY2(run.err.contains("'seq_y' is not a place to move to"), run.err);
        run = cliOn({u"get"_s, u"xyz"_s});
        QCOMPARE(run.code, 2);
        run = cliOn({u"export"_s, u"seq_x"_s, u"--format"_s, u"snapgene"_s});
        QCOMPARE(run.code, 2);
        run = cli({u"--server"_s, m_lab.baseUrl().toString(), u"ls"_s, u"boxes"_s});
        QCOMPARE(run.code, 2);
        QVERIFY2(run.err.contains("no API key"), run.err);
        run = cli({u"--profile"_s, u"nope"_s, u"ls"_s, u"boxes"_s});
        QCOMPARE(run.code, 2);
        QVERIFY2(run.err.contains("no saved connection profile named 'nope'"), run.err);

        run = cli({u"--help"_s});
        QCOMPARE(run.code, 0);
        for (const char *part : {"ls <collection>", "move", "import", "export", "Exit codes",
                                 "  3  the server could not be reached", "BENCHTOP_API_KEY"})
            QVERIFY2(run.out.contains(part), part);
        run = cli({u"move"_s, u"--help"_s});
        QCOMPARE(run.code, 0);
        QVERIFY(run.out.contains("box_Y:B3"));
    }

    // The connection from the environment and from a saved profile.
    void connectionSources()
    {
        QProcessEnvironment environment;
        environment.insert(u"BENCHTOP_SERVER"_s, m_lab.baseUrl().toString());
        environment.insert(u"BENCHTOP_API_KEY"_s, m_lab.apiKey());
        Run run = cli({u"ls"_s, u"locations"_s, u"--limit"_s, u"1"_s, u"--json"_s}, environment);
        QCOMPARE(run.code, 0);
        QCOMPARE(run.out.count('\n'), 1);

        {
            QSettings profiles(m_home.filePath(u"config/Benchtop/Benchtop.conf"_s),
                               QSettings::IniFormat);
            profiles.setValue(u"profiles/lab/url"_s, m_lab.baseUrl().toString());
            profiles.setValue(u"profiles/lab/apiKey"_s, m_lab.apiKey());
            profiles.setValue(u"profiles/wrongkey/url"_s, m_lab.baseUrl().toString());
            profiles.setValue(u"profiles/wrongkey/apiKey"_s, u"sk_wrong"_s);
        }
        run = cli(
            {u"--profile"_s, u"lab"_s, u"ls"_s, u"locations"_s, u"--limit"_s, u"2"_s, u"--json"_s});
        QCOMPARE(run.code, 0);
        QCOMPARE(run.out.count('\n'), 2);
        run = cli({u"ls"_s, u"locations"_s, u"--profile"_s, u"wrongkey"_s});
        QCOMPARE(run.code, 1);
        QVERIFY2(run.err.contains("did not accept the API key"), run.err);
    }

    // Profiles as the app saves them (app/ConnectionProfiles): no key in the settings, the
    // secret in the owner-only fallback file (no keychain), found by benchtop-cli although it
    // runs under another application name.
    void savedProfiles()
    {
        qputenv("BENCHTOP_NO_KEYCHAIN", "1");
        const QString settingsFile = m_home.filePath(u"config/Benchtop/Benchtop.conf"_s);
        const QString secretsDir = m_home.filePath(u"config/Benchtop/benchtop"_s);
        benchtop::app::ConnectionProfiles profiles(settingsFile, secretsDir);
        QVERIFY(!profiles.secrets()->usesKeychain());
        const auto store = [&](const benchtop::app::ConnectionProfile &profile,
                               const QString &secret) {
            profiles.save(profile);
            bool written = false;
            QString failure;
            profiles.secrets()->write(profile.name, secret, this, [&](const QString &error) {
                failure = error;
                written = true;
            });
            QTRY_VERIFY(written);
            QVERIFY2(failure.isEmpty(), qPrintable(failure));
        };
        benchtop::app::ConnectionProfile team;
        team.name = u"team"_s;
        team.kind = benchtop::app::ConnectionProfile::Kind::Server;
        team.url = m_lab.baseUrl().toString();
        store(team, m_lab.apiKey());
        if (QTest::currentTestFailed())
            return;
        QString keyId;
        for (const benchtop::server::ApiKeyInfo &info : m_lab.server().apiKeys().list()) {
            if (info.name == u"test"_s)
                keyId = info.id;
        }
        QVERIFY(keyId.startsWith(u"key_"_s));
        benchtop::app::ConnectionProfile robot = team;
        robot.name = u"robot"_s;
        robot.auth = benchtop::app::ConnectionProfile::Auth::OAuth;
        robot.clientId = keyId;
        store(robot, m_lab.apiKey());
        if (QTest::currentTestFailed())
            return;
        benchtop::app::ConnectionProfile nosecret = team;
        nosecret.name = u"nosecret"_s;
        profiles.save(nosecret);
        // Where the app keeps it: the settings name no key, the 0600 file holds it.
        {
            QSettings settings(settingsFile, QSettings::IniFormat);
            for (const QString &name : {u"team"_s, u"robot"_s}) {
                settings.beginGroup(u"profiles/"_s + name);
                for (const QString &key : settings.childKeys())
                    QVERIFY2(settings.value(key).toString() != m_lab.apiKey(), qPrintable(key));
                settings.endGroup();
            }
        }
        QCOMPARE(profiles.secrets()->fallbackPath(), QDir(secretsDir).filePath(u"secrets.json"_s));
        QFile secrets(profiles.secrets()->fallbackPath());
        QVERIFY(secrets.open(QIODevice::ReadOnly));
        QVERIFY(secrets.readAll().contains(m_lab.apiKey().toUtf8()));

        QProcessEnvironment environment;
        environment.insert(u"BENCHTOP_NO_KEYCHAIN"_s, u"1"_s);
        Run run = cli(
            {u"--profile"_s, u"team"_s, u"ls"_s, u"locations"_s, u"--limit"_s, u"2"_s, u"--json"_s},
            environment);
        QVERIFY2(run.code == 0, run.err);
        QCOMPARE(run.out.count('\n'), 2);
        // OAuth: the CLI takes a token with the profile's client id and secret.
        run = cli({u"--profile"_s, u"robot"_s, u"ls"_s, u"locations"_s, u"--limit"_s, u"1"_s,
                   u"--json"_s},
                  environment);
        QVERIFY2(run.code == 0, run.err);
        QCOMPARE(run.out.count('\n'), 1);
        // No secret stored: a usage error that says so, and no request.
        run = cli({u"--profile"_s, u"nosecret"_s, u"ls"_s, u"locations"_s}, environment);
        QCOMPARE(run.code, 2);
        QVERIFY2(run.err.contains("No secret is stored for the profile \"nosecret\""), run.err);
    }

    void lsCollections()
    {
        const QList<QJsonObject> all = listAll(u"/locations"_s, u"locations"_s);
        QVERIFY(all.size() > 3);
        // Small pages force the CLI through nextToken; it still sees every location, once.
        Run run = cliOn({u"ls"_s, u"locations"_s, u"--filter"_s, u"pageSize=2"_s, u"--json"_s});
        QCOMPARE(run.code, 0);
        QStringList ids;
        for (const QByteArray &line : run.out.split('\n')) {
            if (!line.isEmpty())
                ids.append(QJsonDocument::fromJson(line).object()[u"id"_s].toString());
        }
        QStringList expected;
        for (const QJsonObject &location : all)
            expected.append(location[u"id"_s].toString());
        QCOMPARE(ids, expected);

        run = cliOn({u"ls"_s, u"locations"_s, u"--filter"_s, u"nameIncludes=freezer"_s, u"--sort"_s,
                     u"name:desc"_s});
        QCOMPARE(run.code, 0);
        const QList<QJsonObject> freezers =
            listAll(u"/locations?nameIncludes=freezer&sort=name:desc"_s, u"locations"_s);
        QVERIFY(!freezers.isEmpty());
        const QList<QByteArray> lines = run.out.trimmed().split('\n');
        QCOMPARE(lines.size(), freezers.size() + 1); // the header
        QVERIFY(lines[0].startsWith("ID "));
        QVERIFY(lines[0].contains("NAME") && lines[0].contains("MODIFIED"));
        for (qsizetype i = 0; i < freezers.size(); ++i) {
            QVERIFY2(lines[i + 1].startsWith(freezers[i][u"id"_s].toString().toUtf8()),
                     lines[i + 1]);
            QVERIFY(lines[i + 1].contains(freezers[i][u"name"_s].toString().toUtf8()));
            QVERIFY(lines[i + 1].contains(freezers[i][u"barcode"_s].toString().toUtf8()));
        }

        run = cliOn({u"ls"_s, u"containers"_s, u"--limit"_s, u"3"_s});
        QCOMPARE(run.code, 0);
        QCOMPARE(run.out.trimmed().split('\n').size(), 4);

        // A filter the server refuses: its message, exit 1.
        run = cliOn({u"ls"_s, u"locations"_s, u"--filter"_s, u"pageSize=1000"_s});
        QCOMPARE(run.code, 1);
        QVERIFY2(run.err.contains("pageSize"), run.err);
        QVERIFY(run.out.isEmpty());
    }

    void lsBoxGrid()
    {
        const QJsonObject box = boxWithRoom(1);
        QVERIFY2(!box.isEmpty(), "no demo box with containers");
        const QString boxId = box[u"id"_s].toString();
        const QHash<QString, QString> held = contents(boxId);
        Run run = cliOn({u"ls"_s, boxId});
        QCOMPARE(run.code, 0);
        const QString out = QString::fromUtf8(run.out);
        QVERIFY2(out.startsWith(u"Box %1: "_s.arg(boxId)), run.out);
        QVERIFY2(out.contains(u"%1 filled"_s.arg(held.size())), run.out);
        // Each grid row starts with its letter; the legend lists every container's position.
        const QStringList lines = out.split(u'\n');
        QVERIFY(lines.size() > 3);
        QVERIFY2(lines[1].trimmed().startsWith(u"1 "_s), qPrintable(lines[1]));
        QVERIFY2(lines[2].startsWith(u'A'), qPrintable(lines[2]));
        for (auto it = held.begin(); it != held.end(); ++it) {
            const QJsonObject container = fetch(u"/containers/"_s + it.value());
            const QString name = container[u"name"_s].toString();
            QVERIFY2(out.contains(u"\n%1 "_s.arg(it.key()) + QString()) ||
                         out.contains(it.key() + u"  "_s + it.value()),
                     qPrintable(it.key()));
            // The grid row of the position shows (the start of) the container's name.
            const auto [row, column] = cellOf(it.key());
            Q_UNUSED(column);
            QVERIFY2(lines[2 + row].contains(name.left(11)),
                     qPrintable(lines[2 + row] + u" lacks "_s + name));
        }
        run = cliOn({u"ls"_s, boxId, u"--json"_s});
        QCOMPARE(run.code, 0);
        QCOMPARE(run.out.count('\n'), held.size());

        run = cliOn({u"ls"_s, u"box_doesnotexist"_s});
        QCOMPARE(run.code, 1);
        QVERIFY2(run.err.contains("box_doesnotexist"), run.err);
    }

    void get()
    {
        const QList<QJsonObject> containers = listAll(u"/containers"_s, u"containers"_s);
        QVERIFY(containers.size() >= 2);
        const QString a = containers[0][u"id"_s].toString();
        const QString b = containers[1][u"id"_s].toString();
        Run run = cliOn({u"get"_s, a, b, u"--json"_s});
        QCOMPARE(run.code, 0);
        const QList<QByteArray> lines = run.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        QCOMPARE(QJsonDocument::fromJson(lines[0]).object(), fetch(u"/containers/"_s + a));
        QCOMPARE(QJsonDocument::fromJson(lines[1]).object(), fetch(u"/containers/"_s + b));

        run = cliOn({u"get"_s, a});
        QCOMPARE(run.code, 0);
        QVERIFY2(run.out.contains(u"id:"_s.toUtf8()) && run.out.contains(a.toUtf8()), run.out);
        QVERIFY(run.out.contains(containers[0][u"name"_s].toString().toUtf8()));

        const QString sequence =
            listAll(u"/dna-sequences"_s, u"dnaSequences"_s).value(0)[u"id"_s].toString();
        QVERIFY(!sequence.isEmpty());
        const QString location =
            listAll(u"/locations"_s, u"locations"_s).value(0)[u"id"_s].toString();
        run = cliOn({u"get"_s, sequence, location, u"--json"_s});
        QCOMPARE(run.code, 0);
        QCOMPARE(QJsonDocument::fromJson(run.out.split('\n')[0]).object()[u"id"_s].toString(),
                 sequence);

        // Unknown ids: the server's own message, exit 1; the known one is still shown.
        const auto refused = m_api->get(u"/containers/con_nosuchthing"_s);
        QCOMPARE(refused.status, 404);
        run = cliOn({u"get"_s, a, u"con_nosuchthing"_s, u"--json"_s});
        QCOMPARE(run.code, 1);
        QCOMPARE(run.out.count('\n'), 1);
        QVERIFY2(run.err.contains("con_nosuchthing"), run.err);
        run = cliOn({u"get"_s, u"seq_nosuchthing"_s});
        QCOMPARE(run.code, 1);
        QVERIFY2(run.err.contains("seq_nosuchthing"), run.err);
    }

    void moveOne()
    {
        const QJsonObject box = boxWithRoom(1);
        const QString boxId = box[u"id"_s].toString();
        const QHash<QString, QString> before = contents(boxId);
        const QStringList empty = emptyPositions(boxId);
        QVERIFY(!empty.isEmpty() && !before.isEmpty());
        const QString occupied = before.begin().key();
        const QString tube = before.begin().value();
        // Another box's tube moves here, to an occupied place first: refused, nothing changes.
        QString stranger;
        for (const QJsonObject &container : listAll(u"/containers"_s, u"containers"_s)) {
            const QString parent = container[u"parentStorageId"_s].toString();
            if (parent.startsWith(u"box_"_s) && !parent.startsWith(boxId)) {
                stranger = container[u"id"_s].toString();
                break;
            }
        }
        QVERIFY(!stranger.isEmpty());
        const QJsonObject strangerBefore = fetch(u"/containers/"_s + stranger);
        const QString target = boxId + u':' + occupied;
        Run run = cliOn({u"move"_s, stranger, target});
        QCOMPARE(run.code, 1);
        QVERIFY(run.out.isEmpty());
        // The message is the server's, as it gives it for this request.
        const auto direct =
            m_api->patch(u"/containers/"_s + stranger, {{u"parentStorageId"_s, target}});
        QCOMPARE(direct.status, 400);
        QCOMPARE(QString::fromUtf8(run.err),
                 u"benchtop-cli: move %1: %2\n"_s.arg(stranger, direct.errorMessage()));
        QCOMPARE(fetch(u"/containers/"_s + stranger), strangerBefore);
        QCOMPARE(contents(boxId), before);

        run = cliOn({u"move"_s, stranger, boxId + u':' + empty.first()});
        QCOMPARE(run.code, 0);
        QCOMPARE(QString::fromUtf8(run.out),
                 u"%1 -> %2:%3\n"_s.arg(stranger, boxId, empty.first()));
        QCOMPARE(contents(boxId).value(empty.first()), stranger);
        // A box's tubes name the box; their position is in the box's contents (checked above).
        QCOMPARE(fetch(u"/containers/"_s + stranger)[u"parentStorageId"_s].toString(), boxId);

        // A box moves to a location.
        const QString shelf = listAll(u"/locations"_s, u"locations"_s).last()[u"id"_s].toString();
        run = cliOn({u"move"_s, boxId, shelf});
        QCOMPARE(run.code, 0);
        QCOMPARE(fetch(u"/boxes/"_s + boxId)[u"parentStorageId"_s].toString(), shelf);
        Q_UNUSED(tube);
    }

    void moveMany()
    {
        const QJsonObject box = boxWithRoom(4);
        QVERIFY(!box.isEmpty());
        const QString boxId = box[u"id"_s].toString();
        QStringList empty = emptyPositions(boxId);
        // Three consecutive empty positions along the rows, so that --to fills them in order.
        QString start;
        const QJsonObject schema = fetch(u"/box-schemas/"_s + box[u"schema"_s][u"id"_s].toString());
        const int width = schema[u"width"_s].toInt();
        const auto indexOf = [width](const QString &p) {
            const auto [row, column] = cellOf(p);
            return row * width + column;
        };
        for (qsizetype i = 0; i + 2 < empty.size(); ++i) {
            if (indexOf(empty[i + 2]) - indexOf(empty[i]) == 2) {
                start = empty[i];
                break;
            }
        }
        QVERIFY2(!start.isEmpty(), "no three empty positions in a row");
        QStringList tubes;
        for (const QJsonObject &container : listAll(u"/containers"_s, u"containers"_s)) {
            // Tubes of other boxes (wells of a plate cannot move).
            const QString parent = container[u"parentStorageId"_s].toString();
            if (parent.startsWith(u"box_"_s) && parent != boxId && tubes.size() < 3)
                tubes.append(container[u"id"_s].toString());
        }
        QCOMPARE(tubes.size(), 3);

        // One of them onto an occupied position (pairs): all or nothing, nothing moves.
        const QHash<QString, QString> before = contents(boxId);
        QList<QJsonObject> tubesBefore;
        for (const QString &tube : std::as_const(tubes))
            tubesBefore.append(fetch(u"/containers/"_s + tube));
        Run run = cliOn({u"move"_s, tubes[0], boxId + u':' + start, tubes[1],
                         boxId + u':' + before.begin().key()});
        QCOMPARE(run.code, 1);
        QVERIFY2(run.err.contains("nothing was saved"), run.err);
        QCOMPARE(contents(boxId), before);
        for (qsizetype i = 0; i < tubes.size(); ++i)
            QCOMPARE(fetch(u"/containers/"_s + tubes[i]), tubesBefore[i]);

        run = cliOn({u"move"_s, tubes[0], tubes[1], tubes[2], u"--to"_s, boxId + u':' + start});
        QVERIFY2(run.code == 0, run.err);
        QVERIFY2(run.err.contains("task"), run.err); // progress on stderr
        const QHash<QString, QString> after = contents(boxId);
        for (int i = 0; i < 3; ++i) {
            const QString position = empty[empty.indexOf(start) + i];
            QCOMPARE(after.value(position), tubes[i]);
            QVERIFY(run.out.contains(u"%1 -> %2:%3"_s.arg(tubes[i], boxId, position).toUtf8()));
        }
        QCOMPARE(after.size(), before.size() + 3);
    }

    // A plasmid goes in as GenBank and comes back out with its features.
    void importExportRoundTrip()
    {
        const QString plasmid = kData + u"/plasmids/pUC19_M77789.gb"_s;
        const GenBankResult original = readGenBankFile(plasmid);
        QVERIFY(original.ok());
        QCOMPARE(original.records.size(), 1);
        // What the API form can hold of it: the expectation for what comes back.
        const ApiJsonResult expected = fromApiJson(toApiJson(original.records.first()));
        QVERIFY(expected.ok());
        QVERIFY(expected.records.first().features.size() >= 5);

        // A folder: the server's first, if it lists any, else an id it accepts while it has none.
        QString folder = u"lib_cli"_s;
        if (const auto folders = m_api->get(u"/folders?pageSize=1"_s); folders.status == 200) {
            const QString first = folders.json[u"folders"_s][0][u"id"_s].toString();
            if (!first.isEmpty())
                folder = first;
        }
        Run run = cliOn(
            {u"import"_s, plasmid, u"--folder"_s, folder, u"--name"_s, u"pUC19 from the CLI"_s});
        QCOMPARE(run.code, 0);
        const QString id = QString::fromUtf8(run.out).trimmed();
        QVERIFY2(id.startsWith(u"seq_"_s) && !id.contains(u'\n'), run.out);
        const QJsonObject stored = fetch(u"/dna-sequences/"_s + id);
        QCOMPARE(stored[u"name"_s].toString(), u"pUC19 from the CLI"_s);
        QCOMPARE(stored[u"folderId"_s].toString(), folder);
        QCOMPARE(stored[u"bases"_s].toString().toUpper().toLatin1(),
                 original.records.first().sequence.toUpper());
        QCOMPARE(stored[u"annotations"_s].toArray().size(),
                 toApiJson(original.records.first())[u"annotations"_s].toArray().size());

        const QString out = m_home.filePath(u"export.gb"_s);
        run = cliOn({u"export"_s, id, u"-o"_s, out});
        QCOMPARE(run.code, 0);
        const GenBankResult back = readGenBankFile(out);
        QVERIFY2(back.ok(), qPrintable(back.error ? back.error->toString() : QString()));
        QCOMPARE(back.records.size(), 1);
        const Record &record = back.records.first();
        const Record &want = expected.records.first();
        QCOMPARE(record.sequence.toUpper(), want.sequence.toUpper());
        QCOMPARE(record.topology, want.topology);
        QCOMPARE(record.features.size(), want.features.size());
        for (qsizetype i = 0; i < want.features.size(); ++i) {
            QCOMPARE(record.features[i].type, want.features[i].type);
            QCOMPARE(record.features[i].displayName(), want.features[i].displayName());
            QCOMPARE(record.features[i].location, want.features[i].location);
        }

        // To stdout: FASTA and the API JSON.
        run = cliOn({u"export"_s, id, u"--format"_s, u"fasta"_s});
        QCOMPARE(run.code, 0);
        const FastaResult fasta = readFasta(run.out);
        QCOMPARE(fasta.records.size(), 1);
        QCOMPARE(fasta.records.first().sequence.toUpper(), want.sequence.toUpper());
        run = cliOn({u"export"_s, id, u"--format"_s, u"json"_s});
        QCOMPARE(run.code, 0);
        const ApiJsonResult json = readApiJson(run.out);
        QVERIFY(json.ok());
        QCOMPARE(json.records.first().features.size(), want.features.size());

        run = cliOn({u"export"_s, u"seq_nosuchthing"_s});
        QCOMPARE(run.code, 1);
        QVERIFY(run.out.isEmpty());
    }

    // Multi-record files go in with one bulk create; protein FASTA goes to aa-sequences.
    void importMany()
    {
        const QString genes = kData + u"/fasta/NC_005816.ffn"_s;
        const FastaResult records = readFastaFile(genes);
        QVERIFY(records.records.size() > 1);
        const qsizetype before = listAll(u"/dna-sequences"_s, u"dnaSequences"_s).size();
        Run run = cliOn({u"import"_s, genes});
        QCOMPARE(run.code, 0);
        const QStringList ids = QString::fromUtf8(run.out).trimmed().split(u'\n');
        QCOMPARE(ids.size(), records.records.size());
        QVERIFY2(run.err.contains("task"), run.err);
        for (qsizetype i = 0; i < ids.size(); ++i) {
            const QJsonObject stored = fetch(u"/dna-sequences/"_s + ids[i]);
            QCOMPARE(stored[u"bases"_s].toString().toUpper().toLatin1(),
                     records.records[i].sequence.toUpper());
        }
        QCOMPARE(listAll(u"/dna-sequences"_s, u"dnaSequences"_s).size(), before + ids.size());

        const QString proteins = kData + u"/fasta/NC_005816.faa"_s;
        run = cliOn({u"import"_s, proteins});
        QCOMPARE(run.code, 0);
        const QStringList proteinIds = QString::fromUtf8(run.out).trimmed().split(u'\n');
        QCOMPARE(proteinIds.size(), readFastaFile(proteins).records.size());
        QVERIFY(proteinIds.first().startsWith(u"prtn_"_s));
        QCOMPARE(fetch(u"/aa-sequences/"_s + proteinIds.first())[u"id"_s].toString(),
                 proteinIds.first());

        // A file the server refuses (a folder that is not one): nothing is created.
        const qsizetype now = listAll(u"/dna-sequences"_s, u"dnaSequences"_s).size();
        run = cliOn({u"import"_s, genes, u"--folder"_s, u"con_notafolder"_s});
        QCOMPARE(run.code, 1);
        QVERIFY2(run.err.contains("con_notafolder"), run.err);
        QCOMPARE(listAll(u"/dna-sequences"_s, u"dnaSequences"_s).size(), now);

        const QString broken = m_home.filePath(u"broken.fa"_s);
        QFile file(broken);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(">x\nAC#GT\n");
        file.close();
        run = cliOn({u"import"_s, broken});
        QCOMPARE(run.code, 1);
        QVERIFY2(run.err.contains("line 2"), run.err);
    }

    void unreachable()
    {
        quint16 port = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            port = probe.serverPort();
        }
        const Run run = cli({u"--server"_s, u"http://127.0.0.1:%1"_s.arg(port), u"--api-key"_s,
                             u"sk_x"_s, u"ls"_s, u"locations"_s});
        QCOMPARE(run.code, 3);
        QVERIFY2(run.err.contains("cannot reach the server"), run.err);
        QVERIFY(run.out.isEmpty());
    }

    // A create whose answer never comes: the CLI cannot know whether it was saved.
    void outcomeUnknown()
    {
        FaultProxy proxy(m_lab.baseUrl());
        QVERIFY(proxy.listen());
        FaultProxy::Rule drop;
        drop.fault = FaultProxy::Fault::DropBeforeAnswer;
        drop.method = "POST";
        drop.pathPart = u"/dna-sequences"_s;
        proxy.addRule(drop);
        const Run run = cli({u"--server"_s, proxy.url().toString(), u"--api-key"_s, m_lab.apiKey(),
                             u"import"_s, kData + u"/plasmids/pUC19_M77789.gb"_s});
        QCOMPARE(run.code, 4);
        QVERIFY2(run.err.contains("may or may not have saved"), run.err);
        QCOMPARE(proxy.count("POST", u"/dna-sequences"_s), 1); // never sent twice
    }
};

QTEST_GUILESS_MAIN(TestCliData)
#include "tst_cli_data.moc"
