// benchtop-cli: the data layer and the sequence core on the command line, for scripts and for
// testing without a window. Every request goes through models/api (ApiClient with its retries,
// rate limiter, bulk-get coalescing and task polling); there is no second HTTP client.
//
//   benchtop-cli [connection] ls <collection>|<box_X>|<plt_X> [--filter k=v ...] [--sort S]
//                                [--limit N] [--json]
//   benchtop-cli [connection] get <id> [<id> ...] [--json]
//   benchtop-cli [connection] move <item> <target> | move <item> ... --to <target>
//   benchtop-cli [connection] import FILE [--folder lib_Z] [--name N] [--format F]
//   benchtop-cli [connection] export <seq_Q> [--format genbank|fasta|json] [-o FILE]
//   benchtop-cli convert IN OUT [--from FORMAT] [--to FORMAT]
//
// Connection: --server URL and --api-key KEY, else --profile NAME (a connection profile saved in
// the app, its secret read from the keychain or the app's owner-only fallback file, as
// app/ConnectionProfiles' loadProfile reads it; OAuth profiles sign in with their client id),
// else the environment (BENCHTOP_SERVER, BENCHTOP_API_KEY). The CLI never starts an embedded lab
// server: the app's embedded server issues a fresh API key on every start, so a second one on the
// same data folder would cut off a running app; scripts name their server instead.
//
// Exit codes (also in --help): 0 ok; 1 the server refused or did not find something (its message
// on stderr), or a file could not be read/written; 2 usage error; 3 the server could not be
// reached (after retries); 4 a write whose outcome is unknown (the connection broke after it was
// sent). Errors go to stderr, data to stdout.
#include "ConnectionProfiles.h"
#include "SecretStore.h"
#include "bio/ApiJson.h"
#include "bio/Convert.h"
#include "bio/Fasta.h"
#include "bio/GenBank.h"
#include "models/api/ApiClient.h"
#include "models/api/Credentials.h"
#include "models/api/ListPager.h"
#include "models/api/TaskPoller.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <cstdio>
#include <optional>

using namespace Qt::StringLiterals;
using namespace benchtop::bio;
using benchtop::models::ApiClient;
using benchtop::models::ApiError;
using benchtop::models::ApiReply;
using benchtop::models::BulkCollection;
using benchtop::models::Connection;
using benchtop::models::ListPager;
using benchtop::models::TaskReply;

namespace {

enum ExitCode { kOk = 0, kFailed = 1, kUsage = 2, kUnreachable = 3, kOutcomeUnknown = 4 };

const char *const kExitCodes = "Exit codes:\n"
                               "  0  success\n"
                               "  1  the server refused the request or does not know the id (its "
                               "message is printed),\n"
                               "     or a file could not be read or written\n"
                               "  2  usage error\n"
                               "  3  the server could not be reached (after retries)\n"
                               "  4  a write broke off after it was sent: it may or may not have "
                               "been saved\n"
                               "Errors go to stderr, data to stdout.\n";

const char *const kConnectionHelp =
    "Connection (every command but convert):\n"
    "  --server URL --api-key KEY  the lab server or Benchling tenant and its API key\n"
    "  --profile NAME              a connection saved in Benchtop\n"
    "  BENCHTOP_SERVER, BENCHTOP_API_KEY  environment, used when no option names a server\n"
    "The CLI does not start an embedded lab server (that would replace the running app's key).\n";

void printError(const QString &message)
{
    std::fprintf(stderr, "benchtop-cli: %s\n", qPrintable(message));
}

void printOut(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    std::fwrite(utf8.constData(), 1, size_t(utf8.size()), stdout);
}

void printLine(const QString &text)
{
    printOut(text + u'\n');
}

struct UsageError
{
    QString message;
};

// ---- collections -------------------------------------------------------------------------------

struct Collection
{
    QString name; // as typed and as in the URL: "dna-sequences"
    QString listKey;
    QString idsKey; // empty: no :bulk-get
    QString prefix; // the ids' prefix
};

const QList<Collection> &collections()
{
    static const QList<Collection> all = {
        {u"locations"_s, u"locations"_s, u"locationIds"_s, u"loc_"_s},
        {u"boxes"_s, u"boxes"_s, u"boxIds"_s, u"box_"_s},
        {u"plates"_s, u"plates"_s, u"plateIds"_s, u"plt_"_s},
        {u"containers"_s, u"containers"_s, u"containerIds"_s, u"con_"_s},
        {u"dna-sequences"_s, u"dnaSequences"_s, u"dnaSequenceIds"_s, u"seq_"_s},
        {u"rna-sequences"_s, u"rnaSequences"_s, u"rnaSequenceIds"_s, u"seq_"_s},
        {u"dna-oligos"_s, u"dnaOligos"_s, QString(), u"seq_"_s},
        {u"rna-oligos"_s, u"rnaOligos"_s, QString(), u"seq_"_s},
        {u"aa-sequences"_s, u"aaSequences"_s, u"aaSequenceIds"_s, u"prtn_"_s},
        {u"entries"_s, u"entries"_s, QString(), u"etr_"_s},
        {u"folders"_s, u"folders"_s, QString(), u"lib_"_s},
        {u"features"_s, u"features"_s, QString(), u"feat_"_s},
        {u"feature-libraries"_s, u"featureLibraries"_s, QString(), u"featlib_"_s},
        {u"enzymes"_s, u"enzymes"_s, QString(), u"enz_"_s},
        {u"codon-usage-tables"_s, u"codonUsageTables"_s, QString(), u"codtab_"_s},
        {u"location-schemas"_s, u"locationSchemas"_s, QString(), u"locsch_"_s},
        {u"box-schemas"_s, u"boxSchemas"_s, QString(), u"boxsch_"_s},
        {u"plate-schemas"_s, u"plateSchemas"_s, QString(), u"pltsch_"_s},
        {u"container-schemas"_s, u"containerSchemas"_s, QString(), u"consch_"_s},
    };
    return all;
}

const Collection *collectionNamed(const QString &name)
{
    for (const Collection &collection : collections()) {
        if (collection.name == name)
            return &collection;
    }
    return nullptr;
}

// Every collection whose ids start like `id` (sequence ids, "seq_", are shared by DNA, RNA and
// oligos: the first one is tried first).
QList<const Collection *> collectionsForId(const QString &id)
{
    QList<const Collection *> found;
    for (const Collection &collection : collections()) {
        if (id.startsWith(collection.prefix) && id.size() > collection.prefix.size())
            found.append(&collection);
    }
    return found;
}

QString collectionNames()
{
    QStringList names;
    for (const Collection &collection : collections())
        names.append(collection.name);
    return names.join(u", "_s);
}

// ---- connection --------------------------------------------------------------------------------

// What a user typed as the server (as the app's Session::serverUrl): "host:port" on loopback
// means http, any other host https.
QUrl serverUrl(const QString &typed)
{
    const QString text = typed.trimmed();
    if (text.isEmpty() || text.contains(u"://"_s))
        return QUrl(text);
    const bool loopback = text.startsWith(u"localhost"_s) || text.startsWith(u"127."_s) ||
                          text.startsWith(u"[::1]"_s);
    return QUrl((loopback ? u"http://"_s : u"https://"_s) + text);
}

// ---- waiting on replies ------------------------------------------------------------------------

void await(ApiReply *reply)
{
    if (reply->isFinished())
        return;
    QEventLoop loop;
    QObject::connect(reply, &ApiReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
}

int exitCodeFor(const ApiError &error)
{
    switch (error.kind) {
    case ApiError::Kind::None:
        return kOk;
    case ApiError::Kind::Transport:
    case ApiError::Kind::Timeout:
    case ApiError::Kind::Parse:
    case ApiError::Kind::Cancelled:
    case ApiError::Kind::Offline: // the CLI keeps no offline cache; kept for completeness
        return kUnreachable;
    case ApiError::Kind::OutcomeUnknown:
        return kOutcomeUnknown;
    case ApiError::Kind::TaskFailed:
        return kFailed;
    case ApiError::Kind::Http:
    case ApiError::Kind::Api:
        // Still limited or failing after every retry: the server is not reachable for us now.
        return error.isTransient() ? kUnreachable : kFailed;
    }
    return kFailed;
}

// The server's own words when it refused (the error body's message), else the client's
// sentence about what happened.
QString errorText(const ApiError &error)
{
    if (error.kind == ApiError::Kind::Api && error.httpStatus != 401 && error.httpStatus != 403 &&
        !error.isTransient() && !error.message.isEmpty()) {
        return error.message;
    }
    if (error.kind == ApiError::Kind::Transport)
        return u"cannot reach the server (%1)"_s.arg(error.message);
    return error.displayMessage();
}

int reportError(const ApiError &error, const QString &context = {})
{
    printError(context.isEmpty() ? errorText(error)
                                 : QString(context + u": "_s + errorText(error)));
    return exitCodeFor(error);
}

// A write that the server accepted as a background task: waits for it, printing progress on
// stderr. A task that cannot be followed any more has an unknown outcome (exit 4).
int awaitTask(ApiClient &client, const ApiReply &accepted, const QString &what,
              QJsonObject *response)
{
    const QString taskId = accepted.json().object().value(u"taskId"_s).toString();
    if (taskId.isEmpty()) {
        printError(u"the server accepted %1 but named no task to follow"_s.arg(what));
        return kOutcomeUnknown;
    }
    std::fprintf(stderr, "benchtop-cli: %s: task %s running\n", qPrintable(what),
                 qPrintable(taskId));
    TaskReply *task = client.waitForTask(taskId);
    QObject::connect(task, &TaskReply::progress, task, [what](int polls, qint64 elapsedMs) {
        std::fprintf(stderr, "benchtop-cli: %s: still running (%.1f s, %d polls)\n",
                     qPrintable(what), double(elapsedMs) / 1000, polls);
    });
    await(task);
    const std::unique_ptr<TaskReply> owner(task);
    if (task->ok()) {
        *response = task->json().object().value(u"response"_s).toObject();
        return kOk;
    }
    const ApiError &error = task->error();
    if (error.kind == ApiError::Kind::TaskFailed)
        return reportError(error, what);
    printError(u"%1: the server accepted it as task %2, but following the task failed (%3); it "
               "may or may not have been saved"_s.arg(what, taskId, errorText(error)));
    return kOutcomeUnknown;
}

// ---- output ------------------------------------------------------------------------------------

QString compactJson(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QString scalarText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return u"-"_s;
    case QJsonValue::Bool:
        return value.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Double:
        return value.toVariant().toString();
    case QJsonValue::String:
        return value.toString().isEmpty() ? u"-"_s : value.toString();
    case QJsonValue::Array:
        return u"[%1 items]"_s.arg(value.toArray().size());
    case QJsonValue::Object: {
        const QJsonObject object = value.toObject();
        if (object.contains(u"name"_s) && object.contains(u"id"_s))
            return u"%1 (%2)"_s.arg(object.value(u"name"_s).toString(),
                                    object.value(u"id"_s).toString());
        if (object.contains(u"value"_s) && object.contains(u"units"_s))
            return u"%1 %2"_s.arg(scalarText(object.value(u"value"_s)),
                                  scalarText(object.value(u"units"_s)));
        return compactJson(object);
    }
    }
    return {};
}

void printTable(const QStringList &header, const QList<QStringList> &rows)
{
    QList<qsizetype> widths;
    for (const QString &title : header)
        widths.append(title.size());
    for (const QStringList &row : rows) {
        for (qsizetype i = 0; i < row.size() && i < widths.size(); ++i)
            widths[i] = std::max(widths[i], row[i].size());
    }
    const auto line = [&widths](const QStringList &cells) {
        QString text;
        for (qsizetype i = 0; i < cells.size(); ++i)
            text += i + 1 == cells.size() ? cells[i] : cells[i].leftJustified(widths[i] + 2);
        printLine(text);
    };
    line(header);
    for (const QStringList &row : rows)
        line(row);
}

// Where an item sits (inventory) or is filed (sequences, entries).
QString whereOf(const QJsonObject &item)
{
    for (const QString &key : {u"parentStorageId"_s, u"folderId"_s}) {
        if (item.value(key).isString())
            return item.value(key).toString();
    }
    return u"-"_s;
}

// ---- the commands ------------------------------------------------------------------------------

class Cli
{
public:
    Cli(QCommandLineParser &parser)
        : m_parser(parser)
    {}

    int run(const QString &command, const QStringList &arguments);

private:
    ApiClient &client() { return *m_client; }
    int connect();
    ApiReply *get(const QString &path, const QUrlQuery &query = {})
    {
        ApiReply *reply = m_client->get(path, query);
        await(reply);
        return reply;
    }

    int ls(const QStringList &arguments);
    int lsGrid(const QString &id);
    int getCommand(const QStringList &arguments);
    int move(const QStringList &arguments);
    int moveMany(const QStringList &items, const QString &target);
    int importFile(const QStringList &arguments);
    int exportSequence(const QStringList &arguments);

    std::optional<std::pair<int, int>> gridOf(const QString &storageId, ApiError *error);
    ApiReply *getAnyKind(const QString &id);

    QCommandLineParser &m_parser;
    std::unique_ptr<ApiClient> m_client;
};

int Cli::connect()
{
    QString url = m_parser.value(u"server"_s);
    QString key = m_parser.value(u"api-key"_s);
    QString clientId;
    if (m_parser.isSet(u"profile"_s)) {
        // The app's profiles and secrets: the same settings and the same fallback folder, though
        // this program has another application name.
        const QString name = m_parser.value(u"profile"_s);
        benchtop::app::ConnectionProfiles profiles({},
                                                   benchtop::app::SecretStore::appFallbackDir());
        if (!profiles.profile(name)) {
            printError(u"no saved connection profile named '%1'"_s.arg(name));
            return kUsage;
        }
        const benchtop::app::LoadedProfile saved = benchtop::app::loadProfile(name, &profiles);
        if (!saved.ok()) {
            printError(u"profile '%1': %2"_s.arg(name, saved.error));
            return kUsage;
        }
        if (!saved.profile.needsSecret() && url.isEmpty()) {
            printError(u"profile '%1' is the app's embedded lab server, which benchtop-cli does "
                       "not start; give --server URL and --api-key KEY"_s.arg(name));
            return kUsage;
        }
        if (url.isEmpty())
            url = saved.url.toString();
        if (key.isEmpty()) {
            key = saved.secret;
            if (saved.profile.auth == benchtop::app::ConnectionProfile::Auth::OAuth)
                clientId = saved.profile.clientId.trimmed();
        }
    }
    if (url.isEmpty())
        url = qEnvironmentVariable("BENCHTOP_SERVER");
    if (key.isEmpty())
        key = qEnvironmentVariable("BENCHTOP_API_KEY");
    if (url.isEmpty()) {
        printError(u"no server: give --server URL and --api-key KEY, --profile NAME, or set "
                   "BENCHTOP_SERVER and BENCHTOP_API_KEY"_s);
        return kUsage;
    }
    const QUrl base = serverUrl(url);
    if (!base.isValid() || base.host().isEmpty()) {
        printError(
            u"'%1' is not a server address (use e.g. https://tenant.benchling.com)"_s.arg(url));
        return kUsage;
    }
    if (key.isEmpty()) {
        printError(u"no API key for %1: give --api-key KEY or set BENCHTOP_API_KEY"_s.arg(
            base.toString()));
        return kUsage;
    }
    Connection connection;
    connection.baseUrl = base;
    connection.apiKey = key;
    m_client = std::make_unique<ApiClient>(connection);
    if (!clientId.isEmpty())
        m_client->setCredentials(new benchtop::models::OAuthCredentials(base, clientId, key));
    return kOk;
}

int Cli::run(const QString &command, const QStringList &arguments)
{
    if (const int status = connect(); status != kOk)
        return status;
    try {
        if (command == u"ls")
            return ls(arguments);
        if (command == u"get")
            return getCommand(arguments);
        if (command == u"move")
            return move(arguments);
        if (command == u"import")
            return importFile(arguments);
        return exportSequence(arguments);
    } catch (const UsageError &usage) {
        printError(usage.message);
        std::fprintf(stderr, "Try 'benchtop-cli %s --help'.\n", qPrintable(command));
        return kUsage;
    }
}

// -- ls

int Cli::ls(const QStringList &arguments)
{
    if (arguments.size() != 1)
        throw UsageError{u"ls needs one collection or one box or plate id"_s};
    const QString what = arguments.first();
    if (what.startsWith(u"box_"_s) || what.startsWith(u"plt_"_s))
        return lsGrid(what);
    const Collection *collection = collectionNamed(what);
    if (!collection)
        throw UsageError{u"unknown collection '%1' (one of: %2)"_s.arg(what, collectionNames())};

    QUrlQuery query;
    for (const QString &filter : m_parser.values(u"filter"_s)) {
        const qsizetype equals = filter.indexOf(u'=');
        if (equals <= 0)
            throw UsageError{u"--filter wants KEY=VALUE, not '%1'"_s.arg(filter)};
        query.addQueryItem(filter.left(equals), filter.mid(equals + 1));
    }
    if (m_parser.isSet(u"sort"_s))
        query.addQueryItem(u"sort"_s, m_parser.value(u"sort"_s));
    qsizetype limit = -1;
    if (m_parser.isSet(u"limit"_s)) {
        bool ok = false;
        limit = m_parser.value(u"limit"_s).toLongLong(&ok);
        if (!ok || limit < 1)
            throw UsageError{u"--limit wants a whole number above 0"_s};
    }
    if (!query.hasQueryItem(u"pageSize"_s))
        query.addQueryItem(u"pageSize"_s, QString::number(limit > 0 && limit < 100 ? limit : 100));

    const bool json = m_parser.isSet(u"json"_s);
    ListPager pager(m_client.get(), u'/' + collection->name, collection->listKey, query);
    QList<QJsonObject> items;
    std::optional<ApiError> failure;
    QEventLoop loop;
    QObject::connect(&pager, &ListPager::pageReady, &loop, [&](const QJsonArray &page) {
        for (const QJsonValue &item : page) {
            if (limit > 0 && items.size() >= limit)
                break;
            items.append(item.toObject());
            if (json)
                printLine(compactJson(item.toObject()));
        }
        if (pager.hasMore() && (limit < 0 || items.size() < limit))
            pager.fetchNext();
        else
            loop.quit();
    });
    QObject::connect(&pager, &ListPager::failed, &loop, [&](const ApiError &error) {
        failure = error;
        loop.quit();
    });
    pager.fetchNext();
    loop.exec();
    if (failure)
        return reportError(*failure, u"ls %1"_s.arg(collection->name));
    if (json)
        return kOk;

    QList<QStringList> rows;
    for (const QJsonObject &item : std::as_const(items)) {
        rows.append({item.value(u"id"_s).toString(), scalarText(item.value(u"name"_s)),
                     scalarText(item.value(u"barcode"_s)), whereOf(item),
                     scalarText(item.value(u"modifiedAt"_s))});
    }
    printTable({u"ID"_s, u"NAME"_s, u"BARCODE"_s, u"WHERE"_s, u"MODIFIED"_s}, rows);
    return kOk;
}

// Rows and columns of a box's or plate's grid, from its schema.
std::optional<std::pair<int, int>> Cli::gridOf(const QString &storageId, ApiError *error)
{
    const bool box = storageId.startsWith(u"box_"_s);
    const std::unique_ptr<ApiReply> storage(get((box ? u"/boxes/"_s : u"/plates/"_s) + storageId));
    if (!storage->ok()) {
        *error = storage->error();
        return std::nullopt;
    }
    const QString schemaId =
        storage->json().object().value(u"schema"_s).toObject().value(u"id"_s).toString();
    const std::unique_ptr<ApiReply> schema(
        get((box ? u"/box-schemas/"_s : u"/plate-schemas/"_s) + schemaId));
    if (!schema->ok()) {
        *error = schema->error();
        return std::nullopt;
    }
    const QJsonObject definition = schema->json().object();
    return std::pair{definition.value(u"height"_s).toInt(), definition.value(u"width"_s).toInt()};
}

QString rowName(int row)
{
    QString name;
    for (int n = row + 1; n > 0; n = (n - 1) / 26)
        name.prepend(QChar(u'A' + (n - 1) % 26));
    return name;
}

// "B3" -> (1, 2), 0-based.
std::optional<std::pair<int, int>> parsePosition(const QString &position)
{
    static const QRegularExpression pattern(u"^([A-Za-z]+)(\\d+)$"_s);
    const auto match = pattern.match(position);
    if (!match.hasMatch())
        return std::nullopt;
    int row = 0;
    for (const QChar letter : match.captured(1).toUpper())
        row = row * 26 + (letter.unicode() - u'A' + 1);
    return std::pair{row - 1, match.captured(2).toInt() - 1};
}

int Cli::lsGrid(const QString &id)
{
    const bool box = id.startsWith(u"box_"_s);
    ApiError error;
    const auto grid = gridOf(id, &error);
    if (!grid)
        return reportError(error, u"ls %1"_s.arg(id));
    const auto [height, width] = *grid;

    // What sits where: a box lists its containers; a plate's wells come with the plate.
    QHash<QString, QJsonObject> byPosition;
    QList<QJsonObject> contents;
    if (box) {
        QUrlQuery query;
        query.addQueryItem(u"pageSize"_s, u"100"_s);
        ListPager pager(m_client.get(), u"/boxes/%1/contents"_s.arg(id), u"containers"_s, query);
        std::optional<ApiError> failure;
        QEventLoop loop;
        QObject::connect(&pager, &ListPager::pageReady, &loop, [&](const QJsonArray &page) {
            for (const QJsonValue &item : page)
                contents.append(item.toObject());
            if (pager.hasMore())
                pager.fetchNext();
            else
                loop.quit();
        });
        QObject::connect(&pager, &ListPager::failed, &loop, [&](const ApiError &e) {
            failure = e;
            loop.quit();
        });
        pager.fetchNext();
        loop.exec();
        if (failure)
            return reportError(*failure, u"ls %1"_s.arg(id));
        for (const QJsonObject &item : std::as_const(contents))
            byPosition.insert(item.value(u"gridPosition"_s).toString().toUpper(), item);
    } else {
        const std::unique_ptr<ApiReply> plate(get(u"/plates/"_s + id));
        if (!plate->ok())
            return reportError(plate->error(), u"ls %1"_s.arg(id));
        const QJsonObject wells = plate->json().object().value(u"wells"_s).toObject();
        for (auto it = wells.begin(); it != wells.end(); ++it) {
            const QJsonObject well = it.value().toObject();
            if (well.value(u"contents"_s).toArray().isEmpty() && !well.value(u"name"_s).isString())
                continue;
            QJsonObject item = well;
            item.insert(u"gridPosition"_s, it.key());
            contents.append(item);
            byPosition.insert(it.key().toUpper(), item);
        }
    }

    // Grid order (a plate's wells come keyed by name: A1, A10, A11, ...).
    std::stable_sort(contents.begin(), contents.end(),
                     [](const QJsonObject &a, const QJsonObject &b) {
                         const auto pa = parsePosition(a.value(u"gridPosition"_s).toString());
                         const auto pb = parsePosition(b.value(u"gridPosition"_s).toString());
                         return pa && pb && *pa < *pb;
                     });
    if (m_parser.isSet(u"json"_s)) {
        for (const QJsonObject &item : std::as_const(contents))
            printLine(compactJson(item));
        return kOk;
    }
    printLine(u"%1 %2: %3 rows x %4 columns, %5 filled"_s.arg(box ? u"Box"_s : u"Plate"_s, id)
                  .arg(height)
                  .arg(width)
                  .arg(contents.size()));
    // The grid: each cell shows what sits there (its name, cut to 12 characters) or '.'.
    const auto label = [](const QJsonObject &item) {
        QString name = item.value(u"name"_s).toString();
        if (name.isEmpty())
            name = item.value(u"id"_s).toString();
        return name.size() > 12 ? QString(name.left(11) + u'~') : name;
    };
    qsizetype cell = 1;
    for (const QJsonObject &item : std::as_const(contents))
        cell = std::max(cell, label(item).size());
    cell = std::max<qsizetype>(cell, QString::number(width).size());
    const qsizetype margin = rowName(height - 1).size() + 1;
    QString header = QString().leftJustified(margin);
    for (int column = 0; column < width; ++column)
        header += u' ' + QString::number(column + 1).leftJustified(cell);
    printLine(header.trimmed().prepend(QString().leftJustified(margin + 1)));
    for (int row = 0; row < height; ++row) {
        QString line = rowName(row).leftJustified(margin);
        for (int column = 0; column < width; ++column) {
            const QString position = rowName(row) + QString::number(column + 1);
            const auto found = byPosition.constFind(position);
            line +=
                u' ' + (found == byPosition.cend() ? u"."_s : label(*found)).leftJustified(cell);
        }
        printLine(line.trimmed());
    }
    if (!contents.isEmpty()) {
        printLine(QString());
        QList<QStringList> rows;
        for (const QJsonObject &item : std::as_const(contents)) {
            rows.append({item.value(u"gridPosition"_s).toString(), scalarText(item.value(u"id"_s)),
                         scalarText(item.value(u"name"_s)), scalarText(item.value(u"barcode"_s))});
        }
        printTable({u"POSITION"_s, u"ID"_s, u"NAME"_s, u"BARCODE"_s}, rows);
    }
    return kOk;
}

// -- get

// GET one resource whose collection the id's prefix names; "seq_" ids try DNA sequences first
// (through :bulk-get coalescing), then RNA sequences and oligos.
ApiReply *Cli::getAnyKind(const QString &id)
{
    const QList<const Collection *> candidates = collectionsForId(id);
    ApiReply *reply = nullptr;
    for (const Collection *collection : candidates) {
        delete reply;
        reply = collection->idsKey.isEmpty()
                    ? m_client->get(u"/%1/%2"_s.arg(collection->name, id))
                    : m_client->getById(
                          {u'/' + collection->name, collection->idsKey, collection->listKey}, id);
        await(reply);
        if (reply->ok() || reply->error().httpStatus != 404)
            break;
    }
    return reply;
}

int Cli::getCommand(const QStringList &arguments)
{
    if (arguments.isEmpty())
        throw UsageError{u"get needs at least one id"_s};
    for (const QString &id : arguments) {
        if (collectionsForId(id).isEmpty())
            throw UsageError{u"'%1' is not an id benchtop-cli knows (e.g. loc_..., box_..., "
                             "con_..., seq_...)"_s.arg(id)};
    }
    // Ask for every id at once: gets in one event-loop turn travel together as :bulk-get.
    QList<ApiReply *> replies;
    for (const QString &id : arguments) {
        const Collection *first = collectionsForId(id).first();
        replies.append(
            first->idsKey.isEmpty()
                ? m_client->get(u"/%1/%2"_s.arg(first->name, id))
                : m_client->getById({u'/' + first->name, first->idsKey, first->listKey}, id));
    }
    int status = kOk;
    for (qsizetype i = 0; i < replies.size(); ++i) {
        std::unique_ptr<ApiReply> reply(replies[i]);
        await(reply.get());
        if (!reply->ok() && reply->error().httpStatus == 404 &&
            collectionsForId(arguments[i]).size() > 1)
            reply.reset(getAnyKind(arguments[i]));
        if (!reply->ok()) {
            status = std::max(status, reportError(reply->error(), u"get %1"_s.arg(arguments[i])));
            continue;
        }
        const QJsonObject object = reply->json().object();
        if (m_parser.isSet(u"json"_s)) {
            printLine(compactJson(object));
            continue;
        }
        if (i > 0)
            printLine(QString());
        qsizetype width = 0;
        for (auto it = object.begin(); it != object.end(); ++it)
            width = std::max(width, it.key().size());
        for (auto it = object.begin(); it != object.end(); ++it) {
            QString value = scalarText(it.value());
            if (value.size() > 100)
                value = value.left(97) + u"..."_s;
            printLine(QString(it.key() + u':').leftJustified(width + 2) + value);
        }
    }
    return status;
}

// -- move

bool isStorageId(const QString &id)
{
    return id.startsWith(u"loc_"_s) || id.startsWith(u"box_"_s) || id.startsWith(u"plt_"_s);
}

bool isMovable(const QString &id)
{
    return id.startsWith(u"con_"_s) || id.startsWith(u"box_"_s) || id.startsWith(u"plt_"_s);
}

void checkTarget(const QString &target)
{
    const QString storage = target.section(u':', 0, 0);
    if (!isStorageId(storage) || storage.size() <= 4)
        throw UsageError{u"'%1' is not a place to move to (loc_..., box_..., plt_..., or "
                         "box_...:B3)"_s.arg(target)};
    if (target.contains(u':') && !parsePosition(target.section(u':', 1)))
        throw UsageError{u"'%1' has no position like B3 after the colon"_s.arg(target)};
}

int Cli::move(const QStringList &arguments)
{
    QStringList items;
    QStringList targets;
    if (m_parser.isSet(u"to"_s)) {
        items = arguments;
        if (items.isEmpty())
            throw UsageError{u"move --to needs the items to move"_s};
        const QString target = m_parser.value(u"to"_s);
        checkTarget(target);
        if (items.size() == 1) {
            targets.append(target);
        } else if (!target.contains(u':')) {
            for (qsizetype i = 0; i < items.size(); ++i)
                targets.append(target);
        } else {
            // Fill positions in order from the one given, along the rows.
            ApiError error;
            const QString storage = target.section(u':', 0, 0);
            if (storage.startsWith(u"loc_"_s))
                throw UsageError{u"a location has no positions: '%1'"_s.arg(target)};
            const auto grid = gridOf(storage, &error);
            if (!grid)
                return reportError(error, u"move"_s);
            const auto [height, width] = *grid;
            const auto start = parsePosition(target.section(u':', 1));
            int index = start->first * width + start->second;
            for (qsizetype i = 0; i < items.size(); ++i, ++index) {
                if (index >= height * width) {
                    printError(u"%1 items do not fit in %2 from %3 (%4 rows x %5 columns)"_s
                                   .arg(items.size())
                                   .arg(storage, target.section(u':', 1))
                                   .arg(height)
                                   .arg(width));
                    return kFailed;
                }
                targets.append(
                    u"%1:%2%3"_s.arg(storage, rowName(index / width)).arg(index % width + 1));
            }
        }
    } else {
        if (arguments.size() < 2 || arguments.size() % 2 != 0)
            throw UsageError{u"move needs ITEM TARGET (or pairs of them, or ITEM ... --to "
                             "TARGET)"_s};
        for (qsizetype i = 0; i < arguments.size(); i += 2) {
            items.append(arguments[i]);
            targets.append(arguments[i + 1]);
        }
    }
    for (const QString &item : std::as_const(items)) {
        if (!isMovable(item) || item.size() <= 4)
            throw UsageError{u"'%1' cannot be moved (con_..., box_... or plt_...)"_s.arg(item)};
    }
    for (const QString &target : std::as_const(targets))
        checkTarget(target);

    if (items.size() == 1) {
        const QString id = items.first();
        const QString path = id.startsWith(u"con_"_s)   ? u"/containers/"_s
                             : id.startsWith(u"box_"_s) ? u"/boxes/"_s
                                                        : u"/plates/"_s;
        const std::unique_ptr<ApiReply> reply(
            m_client->patch(path + id, {{u"parentStorageId"_s, targets.first()}}));
        await(reply.get());
        if (!reply->ok())
            return reportError(reply->error(), u"move %1"_s.arg(id));
        // A box's tubes name only the box as their parent, so the position asked for (and
        // accepted) is what is printed.
        printLine(u"%1 -> %2"_s.arg(id, targets.first()));
        return kOk;
    }
    for (const QString &item : std::as_const(items)) {
        if (!item.startsWith(u"con_"_s))
            throw UsageError{u"several items move together only when all are containers "
                             "(con_...); move %1 on its own"_s.arg(item)};
    }
    // All or nothing: one bulk update, done by the server as one background task.
    QJsonArray updates;
    for (qsizetype i = 0; i < items.size(); ++i)
        updates.append(
            QJsonObject{{u"containerId"_s, items[i]}, {u"parentStorageId"_s, targets[i]}});
    const std::unique_ptr<ApiReply> accepted(
        m_client->post(u"/containers:bulk-update"_s, {{u"containers"_s, updates}}));
    await(accepted.get());
    if (!accepted->ok())
        return reportError(accepted->error(), u"move"_s);
    QJsonObject response;
    if (const int status =
            awaitTask(client(), *accepted, u"moving %1 containers"_s.arg(items.size()), &response);
        status != kOk) {
        return status;
    }
    const QJsonArray moved = response.value(u"containers"_s).toArray();
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (i < moved.size() && moved[i][u"id"_s].toString() != items[i]) {
            printError(u"the server's answer lists %1 where %2 was expected"_s.arg(
                moved[i][u"id"_s].toString(), items[i]));
            return kFailed;
        }
        printLine(u"%1 -> %2"_s.arg(items[i], targets[i]));
    }
    return kOk;
}

// -- import

int Cli::importFile(const QStringList &arguments)
{
    if (arguments.size() != 1)
        throw UsageError{u"import needs one FILE"_s};
    const QString path = arguments.first();
    std::optional<Format> format = formatFromFileName(path);
    if (m_parser.isSet(u"format"_s)) {
        format = formatFromName(m_parser.value(u"format"_s));
        if (!format)
            throw UsageError{u"unknown format '%1' (genbank, fasta, embl, snapgene or json)"_s.arg(
                m_parser.value(u"format"_s))};
    }
    if (!format)
        throw UsageError{u"cannot tell the format of %1 from its name; give --format"_s.arg(path)};
    const ReadRecordsResult read = readRecordsFile(path, *format);
    if (read.error) {
        printError(*read.error);
        return kFailed;
    }
    if (read.records.isEmpty()) {
        printError(u"%1 holds no sequence"_s.arg(path));
        return kFailed;
    }
    if (m_parser.isSet(u"name"_s) && read.records.size() > 1)
        throw UsageError{u"--name works for a file with one sequence; %1 holds %2"_s.arg(path).arg(
            read.records.size())};

    // One create per collection: DNA, RNA and proteins go to their own endpoints.
    QMap<QString, QJsonArray> bodies; // collection -> sequences
    for (const Record &record : read.records) {
        QJsonObject body = toApiJson(record);
        if (m_parser.isSet(u"name"_s))
            body.insert(u"name"_s, m_parser.value(u"name"_s));
        if (m_parser.isSet(u"folder"_s))
            body.insert(u"folderId"_s, m_parser.value(u"folder"_s));
        const QString collection = record.kind == MoleculeKind::Protein ? u"aa-sequences"_s
                                   : record.kind == MoleculeKind::Rna   ? u"rna-sequences"_s
                                                                        : u"dna-sequences"_s;
        bodies[collection].append(body);
    }
    for (auto it = bodies.begin(); it != bodies.end(); ++it) {
        const Collection *collection = collectionNamed(it.key());
        if (it.value().size() == 1) {
            const std::unique_ptr<ApiReply> reply(
                m_client->post(u'/' + it.key(), it.value().first().toObject()));
            await(reply.get());
            if (!reply->ok())
                return reportError(reply->error(), u"import %1"_s.arg(path));
            printLine(reply->json().object().value(u"id"_s).toString());
            continue;
        }
        const std::unique_ptr<ApiReply> accepted(m_client->post(
            u"/%1:bulk-create"_s.arg(it.key()), {{collection->listKey, it.value()}}));
        await(accepted.get());
        if (!accepted->ok())
            return reportError(accepted->error(), u"import %1"_s.arg(path));
        QJsonObject response;
        if (const int status = awaitTask(
                client(), *accepted,
                u"importing %1 records into %2"_s.arg(it.value().size()).arg(it.key()), &response);
            status != kOk) {
            return status;
        }
        for (const QJsonValue &created : response.value(collection->listKey).toArray())
            printLine(created[u"id"_s].toString());
    }
    return kOk;
}

// -- export

int Cli::exportSequence(const QStringList &arguments)
{
    if (arguments.size() != 1)
        throw UsageError{u"export needs one sequence id"_s};
    const QString id = arguments.first();
    if (!id.startsWith(u"seq_"_s) && !id.startsWith(u"prtn_"_s))
        throw UsageError{u"'%1' is not a sequence id (seq_... or prtn_...)"_s.arg(id)};
    const QString output = m_parser.value(u"output"_s);
    std::optional<Format> format;
    if (m_parser.isSet(u"format"_s))
        format = formatFromName(m_parser.value(u"format"_s));
    else if (!output.isEmpty())
        format = formatFromFileName(output);
    else
        format = Format::GenBank;
    if (!format || !canWrite(*format))
        throw UsageError{u"export writes --format genbank, fasta or json"_s};

    const std::unique_ptr<ApiReply> reply(getAnyKind(id));
    if (!reply->ok())
        return reportError(reply->error(), u"export %1"_s.arg(id));
    const ApiJsonResult parsed = fromApiJson(reply->json().object());
    if (!parsed.ok()) {
        printError(u"export %1: the server's sequence cannot be read: %2"_s.arg(
            id, parsed.error->toString()));
        return kFailed;
    }
    if (!output.isEmpty()) {
        if (const auto failure = writeRecordsFile(output, parsed.records, *format)) {
            printError(*failure);
            return kFailed;
        }
        return kOk;
    }
    const QByteArray text = *format == Format::GenBank ? writeGenBank(parsed.records)
                            : *format == Format::Fasta ? writeFasta(parsed.records)
                                                       : writeApiJson(parsed.records);
    std::fwrite(text.constData(), 1, size_t(text.size()), stdout);
    return kOk;
}

// ---- help and convert --------------------------------------------------------------------------

QString commandHelp(const QString &command)
{
    if (command == u"ls")
        return u"Usage: benchtop-cli [connection] ls <collection> [--filter KEY=VALUE ...] "
               "[--sort S] [--limit N] [--json]\n"
               "       benchtop-cli [connection] ls <box_X|plt_X> [--json]\n\n"
               "Lists a collection page by page (id, name, barcode, where, modified), or shows a "
               "box's or plate's grid with what sits where. --filter passes a list filter of the "
               "API as is (e.g. --filter nameIncludes=freezer, --filter "
               "ancestorStorageId=loc_x); --sort e.g. name or modifiedAt:desc. --json prints "
               "one JSON object per line.\n\nCollections: "_s +
               collectionNames() + u"\n"_s;
    if (command == u"get")
        return u"Usage: benchtop-cli [connection] get <id> [<id> ...] [--json]\n\n"
               "Shows resources by id (loc_, box_, plt_, con_, seq_, prtn_, etr_, lib_, feat_, "
               "...). Several ids are fetched together. --json prints one JSON object per "
               "line.\n"_s;
    if (command == u"move")
        return u"Usage: benchtop-cli [connection] move <con_X|box_X|plt_X> <target>\n"
               "       benchtop-cli [connection] move <item> <target> <item> <target> ...\n"
               "       benchtop-cli [connection] move <con_A> <con_B> ... --to <target>\n\n"
               "A target is loc_..., box_..., plt_..., or a position in a box or plate: "
               "box_Y:B3. With --to box_Y:B3 several containers fill B3, B4, ... along the rows. "
               "Several containers move all or nothing (one bulk update). A refusal (an "
               "occupied position, an unknown id) prints the server's message, exit code 1.\n"_s;
    if (command == u"import")
        return u"Usage: benchtop-cli [connection] import FILE [--folder lib_Z] [--name N] "
               "[--format F]\n\n"
               "Creates sequences from a GenBank, FASTA, EMBL, SnapGene or API JSON file, with "
               "its annotations, and prints the new ids one per line. DNA goes to "
               "dna-sequences, RNA to rna-sequences, protein FASTA to aa-sequences. A file with "
               "several records is created all or nothing by one bulk create (progress on "
               "stderr). --name renames a single record.\n"_s;
    if (command == u"export")
        return u"Usage: benchtop-cli [connection] export <seq_Q|prtn_Q> [--format "
               "genbank|fasta|json] [-o FILE]\n\n"
               "Writes a sequence with its annotations to stdout or FILE (replaced only on "
               "success). The format defaults to FILE's extension, else GenBank.\n"_s;
    if (command == u"convert")
        return u"Usage: benchtop-cli convert IN OUT [--from FORMAT] [--to FORMAT]\n\n"
               "Converts a sequence file. Reads GenBank, FASTA, EMBL, SnapGene (.dna) and "
               "Benchling API JSON (optionally gzip-compressed); writes GenBank, FASTA and API "
               "JSON. Formats are taken from the file names unless given. Needs no server.\n\n"
               "Options:\n"
               "  --from <format>  format of IN: genbank, fasta, embl, snapgene or json\n"
               "  --to <format>    format of OUT: genbank, fasta or json\n"_s;
    return u"Usage: benchtop-cli [connection] <command> [arguments]\n\n"
           "Benchtop's data layer and sequence tools on the command line.\n\n"
           "Commands:\n"
           "  ls <collection>|<box_X>       list a collection, or show a box's grid\n"
           "  get <id> ...                  show resources by id\n"
           "  move <item> <target>          move a container, box or plate (box_Y:B3)\n"
           "  import FILE                   create sequences from a file\n"
           "  export <seq_Q>                write a sequence as GenBank, FASTA or JSON\n"
           "  convert IN OUT                convert a sequence file (no server needed)\n"
           "'benchtop-cli <command> --help' tells more.\n\n"_s;
}

void showHelp(const QString &command)
{
    QString text = commandHelp(command);
    if (command != u"convert")
        text += u'\n' + QString::fromLatin1(kConnectionHelp);
    text += u'\n' + QString::fromLatin1(kExitCodes);
    printOut(text);
}

int convert(const QCommandLineParser &parser, const QStringList &arguments)
{
    if (arguments.size() != 2) {
        printError(u"convert needs IN and OUT"_s);
        return kUsage;
    }
    std::optional<Format> from, to;
    for (const auto &[option, format] : {std::pair{u"from"_s, &from}, std::pair{u"to"_s, &to}}) {
        if (!parser.isSet(option))
            continue;
        *format = formatFromName(parser.value(option));
        if (!*format) {
            printError(
                u"unknown format '%1' for --%2 (use genbank, fasta, embl, snapgene or json)"_s.arg(
                    parser.value(option), option));
            return kUsage;
        }
    }
    if (const auto failure = convertFile(arguments.at(0), arguments.at(1), from, to)) {
        printError(*failure);
        return kFailed;
    }
    return kOk;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"benchtop-cli"_s);
#ifdef BENCHTOP_VERSION
    QCoreApplication::setApplicationVersion(QStringLiteral(BENCHTOP_VERSION));
#endif

    // One parser knows every option, so that connection options may come before or after the
    // command; each command checks the options that matter to it.
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help({u"h"_s, u"help"_s}, u"Show help."_s);
    const QCommandLineOption version(u"version"_s, u"Show the version."_s);
    parser.addOptions({
        help,
        version,
        {u"server"_s, u"Server URL."_s, u"url"_s},
        {u"api-key"_s, u"API key."_s, u"key"_s},
        {u"profile"_s, u"Saved connection."_s, u"name"_s},
        {u"json"_s, u"JSON lines."_s},
        {u"filter"_s, u"List filter."_s, u"key=value"_s},
        {u"sort"_s, u"List order."_s, u"sort"_s},
        {u"limit"_s, u"At most N items."_s, u"n"_s},
        {u"to"_s, u"Move target, or convert's output format."_s, u"target"_s},
        {u"from"_s, u"convert's input format."_s, u"format"_s},
        {u"folder"_s, u"Folder for imports."_s, u"id"_s},
        {u"name"_s, u"Name for an import."_s, u"name"_s},
        {u"format"_s, u"File format."_s, u"format"_s},
        {{u"o"_s, u"output"_s}, u"Output file."_s, u"file"_s},
    });
    if (!parser.parse(QCoreApplication::arguments())) {
        printError(parser.errorText());
        std::fprintf(stderr, "Try 'benchtop-cli --help'.\n");
        return kUsage;
    }
    if (parser.isSet(version)) {
        std::printf("benchtop-cli %s\n", qPrintable(QCoreApplication::applicationVersion()));
        return kOk;
    }
    QStringList positional = parser.positionalArguments();
    const QString command = positional.isEmpty() ? QString() : positional.takeFirst();
    static const QStringList commands{u"ls"_s,     u"get"_s,    u"move"_s,
                                      u"import"_s, u"export"_s, u"convert"_s};
    if (parser.isSet(help)) {
        showHelp(commands.contains(command) ? command : QString());
        return kOk;
    }
    if (command.isEmpty() || !commands.contains(command)) {
        printError(command.isEmpty() ? u"no command given"_s
                                     : u"unknown command '%1'"_s.arg(command));
        std::fprintf(stderr, "Try 'benchtop-cli --help'.\n");
        return kUsage;
    }
    if (command == u"convert")
        return convert(parser, positional);
    Cli cli(parser);
    const int status = cli.run(command, positional);
    std::fflush(stdout);
    return status;
}
