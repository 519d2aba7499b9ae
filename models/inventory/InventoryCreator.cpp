#include "InventoryCreator.h"

#include "models/api/ApiClient.h"
#include "models/api/TaskPoller.h"
#include "models/resources/Inventory.h"
#include "models/store/ResourceStore.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace benchtop::models {

void CreateOperation::cancel()
{
    if (m_finished)
        return;
    delete m_reply; // aborts the request or stops the polling
    fail(m_taskId.isEmpty()
             ? tr("Cancelled before the server saved anything.")
             : tr("Stopped following the task %1. The server runs it on, all or nothing: "
                  "refresh to see whether it saved the items.")
                   .arg(m_taskId));
}

void CreateOperation::succeed(const QJsonArray &created)
{
    if (m_finished)
        return;
    m_finished = true;
    m_created = created;
    Q_EMIT succeeded(created);
    Q_EMIT finished();
}

void CreateOperation::fail(const QString &message, const QStringList &refusals)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = message;
    m_refusals = refusals;
    Q_EMIT failed(message, refusals);
    Q_EMIT finished();
}

InventoryCreator::InventoryCreator(ApiClient *client, ResourceStore *store, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_store(store)
{}

std::optional<QStringList> InventoryCreator::positionsInRange(const QString &range, int rows,
                                                              int columns, QString *error)
{
    static const QRegularExpression separator(u"\\s*[-–—:]\\s*|\\s+to\\s+"_s);
    const QStringList corners = range.trimmed().split(separator, Qt::SkipEmptyParts);
    if (corners.isEmpty() || corners.size() > 2) {
        *error = tr("Write a range as two positions, e.g. A1-C12.");
        return std::nullopt;
    }
    QList<GridCell> cells;
    for (const QString &corner : corners) {
        const auto cell = StorageSchema::cellOf(corner.trimmed().toUpper());
        if (!cell || cell->row >= rows || cell->column >= columns) {
            *error = tr("%1 is not a position of this %2 × %3 grid (A1 to %4).")
                         .arg(corner.trimmed())
                         .arg(rows)
                         .arg(columns)
                         .arg(StorageSchema::positionName({rows - 1, columns - 1}));
            return std::nullopt;
        }
        cells.append(*cell);
    }
    const GridCell first = cells.first();
    const GridCell last = cells.last();
    QStringList positions;
    for (int r = std::min(first.row, last.row); r <= std::max(first.row, last.row); ++r)
        for (int c = std::min(first.column, last.column); c <= std::max(first.column, last.column);
             ++c)
            positions.append(StorageSchema::positionName({r, c}));
    return positions;
}

QString InventoryCreator::applyPattern(const QString &pattern, int n, const QString &position)
{
    static const QRegularExpression placeholder(u"\\{(n|pos)(?::(\\d+))?\\}"_s);
    QString out;
    qsizetype at = 0;
    auto it = placeholder.globalMatch(pattern);
    while (it.hasNext()) {
        const auto match = it.next();
        out += pattern.mid(at, match.capturedStart() - at);
        if (match.captured(1) == u"pos"_s)
            out += position;
        else
            out += QString::number(n).rightJustified(match.captured(2).toInt(), u'0');
        at = match.capturedEnd();
    }
    out += pattern.mid(at);
    return out;
}

QList<NewTube> InventoryCreator::tubesFor(const TubeFill &fill)
{
    QList<NewTube> tubes;
    int n = fill.firstNumber;
    for (const QString &position : fill.positions) {
        NewTube tube;
        tube.position = position;
        tube.name = applyPattern(fill.namePattern, n, position);
        if (!fill.barcodePattern.isEmpty())
            tube.barcode = applyPattern(fill.barcodePattern, n, position);
        tubes.append(tube);
        ++n;
    }
    return tubes;
}

namespace {

QJsonObject storageBody(const QString &name, const QString &schemaId, const QString &barcode,
                        const QString &parent)
{
    QJsonObject body{{u"name"_s, name}, {u"schemaId"_s, schemaId}};
    if (!barcode.trimmed().isEmpty())
        body.insert(u"barcode"_s, barcode.trimmed());
    if (!parent.isEmpty())
        body.insert(u"parentStorageId"_s, parent);
    return body;
}

} // namespace

CreateOperation *InventoryCreator::createOne(const QString &path, const QJsonObject &body,
                                             QObject *owner)
{
    auto *operation = new CreateOperation(owner ? owner : this);
    ApiReply *reply = m_client->post(path, body, operation);
    operation->m_reply = reply;
    connect(reply, &ApiReply::finished, operation, [this, operation, reply] {
        reply->deleteLater();
        if (!reply->ok()) {
            operation->fail(reply->error().displayMessage());
            return;
        }
        const QJsonObject created = reply->json().object();
        if (m_store)
            m_store->upsert(created);
        operation->succeed(QJsonArray{created});
    });
    return operation;
}

CreateOperation *InventoryCreator::createBox(const NewBox &box, QObject *owner)
{
    return createOne(u"/boxes"_s,
                     storageBody(box.name, box.schemaId, box.barcode, box.parentStorageId), owner);
}

CreateOperation *InventoryCreator::createPlate(const NewPlate &plate, QObject *owner)
{
    return createOne(u"/plates"_s,
                     storageBody(plate.name, plate.schemaId, plate.barcode, plate.parentStorageId),
                     owner);
}

CreateOperation *InventoryCreator::createTubes(const QString &storageId,
                                               const QString &containerSchemaId,
                                               const QList<NewTube> &tubes, QObject *owner)
{
    auto *operation = new CreateOperation(owner ? owner : this);
    QJsonArray items;
    for (const NewTube &tube : tubes) {
        QJsonObject item{{u"name"_s, tube.name},
                         {u"schemaId"_s, containerSchemaId},
                         {u"parentStorageId"_s, QString(storageId + u':' + tube.position)}};
        if (!tube.barcode.isEmpty())
            item.insert(u"barcode"_s, tube.barcode);
        items.append(item);
        operation->m_itemLabels.append(tube.position);
    }
    if (tubes.isEmpty() || tubes.size() > 1000) {
        // Reported after the caller has connected, like a server's answer.
        const QString message =
            tubes.isEmpty()
                ? tr("No positions to fill.")
                : tr("%1 tubes is more than one task can make (1000).").arg(tubes.size());
        QMetaObject::invokeMethod(
            operation, [operation, message] { operation->fail(message); }, Qt::QueuedConnection);
        return operation;
    }
    ApiReply *reply =
        m_client->post(u"/containers:bulk-create"_s, {{u"containers"_s, items}}, operation);
    operation->m_reply = reply;
    connect(reply, &ApiReply::finished, operation, [this, operation, reply] {
        reply->deleteLater();
        if (!reply->ok()) {
            operation->fail(reply->error().displayMessage());
            return;
        }
        followTask(operation, reply->json().object().value(u"taskId"_s).toString());
    });
    return operation;
}

void InventoryCreator::followTask(CreateOperation *operation, const QString &taskId)
{
    operation->m_taskId = taskId;
    TaskReply *task = m_client->waitForTask(taskId, operation);
    operation->m_reply = task;
    connect(task, &TaskReply::progress, operation, &CreateOperation::progress);
    connect(task, &ApiReply::finished, operation, [this, operation, task] {
        task->deleteLater();
        if (!task->ok()) {
            explainTaskFailure(operation, task->error());
            return;
        }
        const QJsonArray created =
            task->json().object().value(u"response"_s).toObject().value(u"containers"_s).toArray();
        if (m_store)
            m_store->upsertMany(created);
        operation->succeed(created);
    });
}

// The task's own record lists every refused item; the TaskReply's error names only the first.
void InventoryCreator::explainTaskFailure(CreateOperation *operation, const ApiError &error)
{
    if (error.kind != ApiError::Kind::TaskFailed) {
        operation->fail(error.displayMessage());
        return;
    }
    ApiReply *reply = m_client->get(u"/tasks/"_s + operation->m_taskId, {}, operation);
    operation->m_reply = reply;
    const QString summary = error.message.isEmpty() ? error.displayMessage() : error.message;
    connect(reply, &ApiReply::finished, operation, [operation, reply, summary] {
        reply->deleteLater();
        QStringList refusals;
        for (const QJsonValue &item : reply->json().object().value(u"errors"_s).toArray()) {
            const int index = item[u"index"_s].toInt(-1);
            const QString label = operation->m_itemLabels.value(index);
            const QString message = item[u"message"_s].toString();
            refusals.append(label.isEmpty() ? message : QString(label + u": " + message));
        }
        operation->fail(summary, refusals);
    });
}

void InventoryCreator::loadSchemas()
{
    if (m_schemasPending > 0)
        return;
    m_schemasAsked = true;
    m_schemas.clear();
    const QList<std::pair<QString, QString>> families = {{u"box"_s, u"boxSchemas"_s},
                                                         {u"plate"_s, u"plateSchemas"_s},
                                                         {u"container"_s, u"containerSchemas"_s}};
    m_schemasPending = int(families.size());
    auto failedOnce = std::make_shared<bool>(false);
    for (const auto &[kind, listKey] : families) {
        QUrlQuery query;
        query.addQueryItem(u"pageSize"_s, u"100"_s);
        ApiReply *reply = m_client->get(u"/%1-schemas"_s.arg(kind), query, this);
        connect(reply, &ApiReply::finished, this,
                [this, reply, kind = kind, listKey = listKey, failedOnce] {
                    reply->deleteLater();
                    --m_schemasPending;
                    if (!reply->ok()) {
                        if (!std::exchange(*failedOnce, true))
                            Q_EMIT schemasFailed(reply->error().displayMessage());
                        return;
                    }
                    for (const QJsonValue &schema : reply->json().object().value(listKey).toArray())
                        m_schemas[kind].append(schema.toObject());
                    if (m_schemasPending == 0 && !*failedOnce)
                        Q_EMIT schemasReady();
                });
    }
}

QJsonObject InventoryCreator::schema(const QString &id) const
{
    for (const auto &list : m_schemas)
        for (const QJsonObject &schema : list)
            if (schema.value(u"id"_s).toString() == id)
                return schema;
    return {};
}

} // namespace benchtop::models
