#include "BoxContentsModel.h"

#include "api/ListPager.h"
#include "store/ContainerMoveCommand.h"
#include "store/ResourceStore.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace benchtop::models {

namespace {
const BulkCollection kBoxes{u"/boxes"_s, u"boxIds"_s, u"boxes"_s};
const BulkCollection kBoxSchemas{u"/box-schemas"_s, {}, {}}; // no :bulk-get: one GET each
const BulkCollection kContainers{u"/containers"_s, u"containerIds"_s, u"containers"_s};
} // namespace

BoxContentsModel::BoxContentsModel(ApiClient *client, ResourceStore *store, QString boxId,
                                   QObject *parent)
    : QAbstractTableModel(parent)
    , m_client(client)
    , m_store(store)
    , m_boxId(std::move(boxId))
{
    connect(m_store, &ResourceStore::changed, this, &BoxContentsModel::onStoreChanged);
    connect(m_store, &ResourceStore::removed, this, &BoxContentsModel::onStoreRemoved);
    connect(m_store, &ResourceStore::fetchFailed, this, &BoxContentsModel::onFetchFailed);
}

void BoxContentsModel::open()
{
    if (m_state == LoadState::Loading)
        return;
    m_state = LoadState::Loading;
    m_error.clear();
    // The box and its contents go out together; the schema follows the box.
    m_store->fetch(kBoxes, m_boxId);
    takeShape();
    if (m_store->childrenFresh(m_boxId)) {
        takeContents();
    } else if (!m_contents) {
        if (m_store->childrenListed(m_boxId))
            takeContents(); // stale: show what is known while the listing runs again
        QUrlQuery query;
        query.addQueryItem(u"pageSize"_s, u"100"_s);
        m_contents = new ListPager(m_client, u"/boxes/"_s + m_boxId + u"/contents"_s,
                                   u"containers"_s, query, this);
        connect(m_contents, &ListPager::pageReady, this, &BoxContentsModel::onContentsPage);
        connect(m_contents, &ListPager::failed, this,
                [this](const ApiError &error) { fail(error.displayMessage()); });
        m_contents->fetchNext();
    }
    checkReady();
}

void BoxContentsModel::onContentsPage(const QJsonArray &items)
{
    m_store->upsertMany(items);
    for (const QJsonValue &item : items)
        m_listed.insert(item[u"id"_s].toString());
    if (m_contents->hasMore()) {
        m_contents->fetchNext();
        return;
    }
    m_contents->deleteLater();
    m_contents = nullptr;
    // Tubes the store still places here but the listing no longer shows have moved (or gone)
    // since: ask for them again (one :bulk-get), so they leave the grid when the answer comes.
    for (const QString &id : m_store->childrenOf(m_boxId)) {
        if (!m_listed.contains(id) && !m_store->isPending(id))
            m_store->fetch(kContainers, id, ResourceStore::Policy::Revalidate);
    }
    m_listed.clear();
    m_store->setChildrenListed(m_boxId);
    takeContents();
    checkReady();
}

// The grid's size, once the box and its schema are held.
void BoxContentsModel::takeShape()
{
    const QString schemaId = Box(m_store->value(m_boxId)).schemaId();
    if (schemaId.isEmpty())
        return;
    if (schemaId != m_schemaId) {
        m_schemaId = schemaId;
        m_store->fetch(kBoxSchemas, schemaId);
    }
    const StorageSchema schema(m_store->value(schemaId));
    if (schema.height() == m_rows && schema.width() == m_columns)
        return;
    beginResetModel();
    m_rows = schema.height();
    m_columns = schema.width();
    endResetModel();
}

void BoxContentsModel::takeContents()
{
    m_contentsKnown = true;
    for (const QString &id : m_store->childrenOf(m_boxId))
        place(id);
}

// Puts tube `id` where the store says it is (or takes it out of this box).
void BoxContentsModel::place(const QString &id)
{
    const Container tube(m_store->value(id));
    const QString position =
        tube.storageId() == m_boxId && m_contentsKnown ? tube.position() : QString();
    const QString old = m_positionOf.value(id);
    if (old == position) {
        if (!position.isEmpty())
            emitCell(position); // same cell, new value or state
        return;
    }
    if (!old.isEmpty()) {
        m_positionOf.remove(id);
        if (m_at.value(old) == id)
            m_at.remove(old);
        emitCell(old);
    }
    if (!position.isEmpty()) {
        m_positionOf.insert(id, position);
        m_at.insert(position, id);
        emitCell(position);
    }
}

QModelIndex BoxContentsModel::indexOf(const QString &position) const
{
    const auto cell = StorageSchema::cellOf(position);
    if (!cell || cell->row >= m_rows || cell->column >= m_columns)
        return {};
    return index(cell->row, cell->column);
}

ContainerMoveCommand *BoxContentsModel::move(const QString &from, const QString &to,
                                             QString toBoxId, QObject *owner)
{
    const QString id = m_at.value(from);
    if (id.isEmpty())
        return nullptr;
    auto *command = new ContainerMoveCommand(
        m_client, m_store, {{id, toBoxId.isEmpty() ? m_boxId : toBoxId, to}}, owner ? owner : this);
    command->start();
    return command;
}

void BoxContentsModel::emitCell(const QString &position)
{
    const QModelIndex cell = indexOf(position);
    if (cell.isValid())
        Q_EMIT dataChanged(cell, cell);
}

void BoxContentsModel::onStoreChanged(const QString &id)
{
    if (id == m_boxId || (!m_schemaId.isEmpty() && id == m_schemaId)) {
        takeShape();
        checkReady();
        return;
    }
    if (m_positionOf.contains(id) || ResourceStore::parentOf(m_store->value(id)) == m_boxId)
        place(id);
}

void BoxContentsModel::onStoreRemoved(const QString &id)
{
    const QString old = m_positionOf.take(id);
    if (old.isEmpty())
        return;
    m_at.remove(old);
    emitCell(old);
}

void BoxContentsModel::onFetchFailed(const QString &id, const ApiError &error)
{
    if (m_state == LoadState::Loading && (id == m_boxId || id == m_schemaId))
        fail(error.displayMessage());
}

void BoxContentsModel::checkReady()
{
    if (m_state != LoadState::Loading || !isReady())
        return;
    m_state = LoadState::Loaded;
    Q_EMIT ready();
}

void BoxContentsModel::fail(const QString &message)
{
    if (m_contents) {
        m_contents->deleteLater();
        m_contents = nullptr;
    }
    m_state = LoadState::Failed;
    m_error = message;
    Q_EMIT failed(message);
}

int BoxContentsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int BoxContentsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_columns;
}

QVariant BoxContentsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QString position = StorageSchema::positionName({index.row(), index.column()});
    const QString id = m_at.value(position);
    switch (role) {
    case Qt::DisplayRole:
        return id.isEmpty() ? QString() : m_store->value(id).value(u"name"_s).toString();
    case Qt::ToolTipRole:
        return id.isEmpty() ? tr("%1: empty").arg(position)
                            : tr("%1: %2").arg(position, m_store->value(id)[u"name"_s].toString());
    case PositionRole:
        return position;
    case IdRole:
        return id;
    case ResourceRole:
        return id.isEmpty() ? QJsonObject() : m_store->value(id);
    case PendingRole:
        return !id.isEmpty() && m_store->isPending(id);
    case ErrorRole:
        return id.isEmpty() ? QString() : m_store->error(id);
    case LoadStateRole:
        return int(m_state);
    default:
        return {};
    }
}

QVariant BoxContentsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (orientation == Qt::Horizontal)
        return QString::number(section + 1);
    return StorageSchema::positionName({section, 0}).chopped(1);
}

} // namespace benchtop::models
