#include "BoxContentsModel.h"

#include "api/ListPager.h"
#include "inventory/ContainerMime.h"
#include "inventory/InventoryMover.h"
#include "store/ContainerMoveCommand.h"
#include "store/ResourceStore.h"

#include <QJsonArray>
#include <QMimeData>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace benchtop::models {

namespace {
const BulkCollection kBoxes{u"/boxes"_s, u"boxIds"_s, u"boxes"_s};
const BulkCollection kBoxSchemas{u"/box-schemas"_s, {}, {}}; // no :bulk-get: one GET each
const BulkCollection kPlates{u"/plates"_s, u"plateIds"_s, u"plates"_s};
const BulkCollection kPlateSchemas{u"/plate-schemas"_s, {}, {}};
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
    if (isPlate()) {
        // A plate's answer carries its wells: one request gives shape and contents. What is held
        // (from a listing, say) shows at once; a fresh answer that differs follows.
        takeWells();
        takeShape();
        m_store->fetch(kPlates, m_boxId,
                       m_store->childrenFresh(m_boxId) ? ResourceStore::Policy::CacheFirst
                                                       : ResourceStore::Policy::Revalidate);
        checkReady();
        return;
    }
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
        m_store->fetch(isPlate() ? kPlateSchemas : kBoxSchemas, schemaId);
    }
    const StorageSchema schema(m_store->value(schemaId));
    if (schema.height() == m_rows && schema.width() == m_columns)
        return;
    beginResetModel();
    m_rows = schema.height();
    m_columns = schema.width();
    endResetModel();
}

// A plate's answer lists its wells (matrix tubes): they go into the store as a listing would.
void BoxContentsModel::takeWells()
{
    const QJsonObject plate = m_store->value(m_boxId);
    if (!plate.contains(u"wells"_s) || m_store->isLoading(m_boxId))
        return;
    const QJsonObject wells = plate.value(u"wells"_s).toObject();
    if (wells == m_wells && m_contentsKnown)
        return; // the same answer again: tubes moved since keep their newer place
    m_wells = wells;
    QSet<QString> listed;
    for (auto it = wells.begin(); it != wells.end(); ++it) {
        QJsonObject well = it.value().toObject();
        well.remove(u"resourceType"_s);
        listed.insert(well.value(u"id"_s).toString());
        m_store->upsert(well);
    }
    for (const QString &id : m_store->childrenOf(m_boxId)) {
        if (!listed.contains(id) && !m_store->isPending(id))
            m_store->fetch(kContainers, id, ResourceStore::Policy::Revalidate);
    }
    m_store->setChildrenListed(m_boxId);
    takeContents();
}

bool BoxContentsModel::isWellPlate() const
{
    return isPlate() && m_store->value(m_boxId).value(u"type"_s).toString() == u"well_plate"_s;
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
        if (id == m_boxId && isPlate())
            takeWells();
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

// A tube's tooltip: where, what, how much, and its state.
QString BoxContentsModel::describe(const QString &position, const QString &id) const
{
    const QJsonObject tube = m_store->value(id);
    QStringList lines{tr("%1: %2").arg(position, tube[u"name"_s].toString())};
    if (const QString barcode = tube[u"barcode"_s].toString(); !barcode.isEmpty())
        lines.append(tr("Barcode: %1").arg(barcode));
    for (const QJsonValue &content : tube[u"contents"_s].toArray()) {
        const QJsonObject entity = content[u"entity"_s].toObject();
        const QJsonObject concentration = content[u"concentration"_s].toObject();
        const QString name = entity[u"name"_s].toString(entity[u"id"_s].toString());
        lines.append(concentration[u"value"_s].isDouble()
                         ? tr("Holds %1 at %2 %3")
                               .arg(name)
                               .arg(concentration[u"value"_s].toDouble())
                               .arg(concentration[u"units"_s].toString())
                         : tr("Holds %1").arg(name));
    }
    const Container container(tube);
    if (tube[u"quantity"_s][u"value"_s].isDouble())
        lines.append(
            tr("Quantity: %1 %2").arg(container.quantityValue()).arg(container.quantityUnits()));
    const QString status = container.checkoutStatus();
    if (status == u"CHECKED_OUT"_s || status == u"RESERVED"_s) {
        const QJsonObject record = tube[u"checkoutRecord"_s].toObject();
        lines.append((status == u"CHECKED_OUT"_s ? tr("Checked out to %1") : tr("Reserved for %1"))
                         .arg(record[u"assignee"_s][u"name"_s].toString()));
    }
    if (tube[u"archiveRecord"_s].isObject())
        lines.append(tr("Archived: %1").arg(tube[u"archiveRecord"_s][u"reason"_s].toString()));
    if (m_store->isPending(id))
        lines.append(tr("Moving…"));
    if (const QString error = m_store->error(id); !error.isEmpty())
        lines.append(tr("Last change failed: %1").arg(error));
    return lines.join(u'\n');
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
        return id.isEmpty() ? tr("%1: empty").arg(position) : describe(position, id);
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

Qt::ItemFlags BoxContentsModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags flags = QAbstractTableModel::flags(index);
    if (!index.isValid() || !movesTubes())
        return flags;
    flags |= Qt::ItemIsDropEnabled;
    if (!index.data(IdRole).toString().isEmpty())
        flags |= Qt::ItemIsDragEnabled;
    return flags;
}

QStringList BoxContentsModel::mimeTypes() const
{
    return {QString::fromLatin1(kContainerMimeType)};
}

QMimeData *BoxContentsModel::mimeData(const QModelIndexList &indexes) const
{
    ContainerPayload payload;
    QStringList names;
    for (const QModelIndex &index : indexes) {
        const QString id = index.data(IdRole).toString();
        if (id.isEmpty() || index.model() != this)
            continue;
        const QString position = index.data(PositionRole).toString();
        payload.containers.append({id, m_boxId, position});
        names.append(m_store->value(id).value(u"name"_s).toString());
        if (position == m_dragAnchor)
            payload.anchor = position;
    }
    if (payload.isEmpty())
        return nullptr;
    if (payload.anchor.isEmpty())
        payload.anchor = payload.containers.first().position;
    return encodeContainers(payload, names);
}

QModelIndex BoxContentsModel::dropTarget(int row, int column, const QModelIndex &parent) const
{
    if (parent.isValid())
        return parent;
    return row >= 0 && column >= 0 ? index(row, column) : QModelIndex();
}

QList<ContainerMove> BoxContentsModel::planDrop(const ContainerPayload &payload,
                                                const QModelIndex &target, QString *why) const
{
    const auto refuse = [why](const QString &reason) {
        if (why)
            *why = reason;
        return QList<ContainerMove>();
    };
    if (payload.isEmpty() || !target.isValid())
        return refuse(tr("Nothing to drop here."));
    if (!movesTubes())
        return refuse(tr("%1 is a fixed well plate: its wells cannot take tubes.")
                          .arg(m_store->value(m_boxId).value(u"name"_s).toString()));
    QSet<QString> dragged;
    for (const DraggedContainer &c : payload.containers)
        dragged.insert(c.id);
    const auto anchor = StorageSchema::cellOf(payload.anchor);
    QList<ContainerMove> moves;
    QSet<QString> taken;
    // Tubes without a place (from a location) fill the free cells from the target on.
    int next = target.row() * m_columns + target.column();
    for (const DraggedContainer &c : payload.containers) {
        const auto from = StorageSchema::cellOf(c.position);
        QString to;
        if (from && anchor) {
            const int row = from->row - anchor->row + target.row();
            const int column = from->column - anchor->column + target.column();
            if (row < 0 || column < 0 || row >= m_rows || column >= m_columns)
                return refuse(tr("Not every tube fits: the selection would reach past the edge of "
                                 "the box."));
            to = StorageSchema::positionName({row, column});
        } else {
            for (; next < m_rows * m_columns; ++next) {
                const QString candidate =
                    StorageSchema::positionName({next / m_columns, next % m_columns});
                const QString occupant = m_at.value(candidate);
                if ((occupant.isEmpty() || dragged.contains(occupant)) &&
                    !taken.contains(candidate))
                    break;
            }
            if (next >= m_rows * m_columns)
                return refuse(tr("Not enough free positions from here to the end of the box."));
            to = StorageSchema::positionName({next / m_columns, next % m_columns});
        }
        const QString occupant = m_at.value(to);
        if (!occupant.isEmpty() && !dragged.contains(occupant))
            return refuse(tr("%1 is taken by %2.")
                              .arg(to, m_store->value(occupant).value(u"name"_s).toString()));
        taken.insert(to);
        if (!(c.storageId == m_boxId && c.position == to))
            moves.append({c.id, m_boxId, to});
    }
    if (moves.isEmpty())
        return refuse(tr("The tubes are already there."));
    // Within one box, a tube must leave its place before another takes it: send first the
    // tubes whose new place is furthest along the direction of the shift.
    if (anchor) {
        const int dRow = target.row() - anchor->row;
        const int dColumn = target.column() - anchor->column;
        std::stable_sort(moves.begin(), moves.end(), [&](const auto &a, const auto &b) {
            const auto ca = StorageSchema::cellOf(a.position);
            const auto cb = StorageSchema::cellOf(b.position);
            return ca->row * dRow * m_columns + ca->column * dColumn >
                   cb->row * dRow * m_columns + cb->column * dColumn;
        });
    }
    return moves;
}

bool BoxContentsModel::canDropMimeData(const QMimeData *data, Qt::DropAction action, int row,
                                       int column, const QModelIndex &parent) const
{
    if (action != Qt::MoveAction)
        return false;
    return !planDrop(decodeContainers(data), dropTarget(row, column, parent)).isEmpty();
}

bool BoxContentsModel::dropMimeData(const QMimeData *data, Qt::DropAction action, int row,
                                    int column, const QModelIndex &parent)
{
    if (action != Qt::MoveAction)
        return false;
    const QList<ContainerMove> moves =
        planDrop(decodeContainers(data), dropTarget(row, column, parent));
    if (moves.isEmpty())
        return false;
    if (m_mover) {
        m_mover->move(moves);
    } else {
        auto *command = new ContainerMoveCommand(m_client, m_store, moves, this);
        connect(command, &StoreCommand::finished, command, &QObject::deleteLater);
        command->start();
    }
    // Accepted: the store moves the tubes (views keep drag-drop overwrite mode on, so no view
    // removes the source cells itself).
    return true;
}

Qt::DropActions BoxContentsModel::supportedDropActions() const
{
    return Qt::MoveAction;
}

Qt::DropActions BoxContentsModel::supportedDragActions() const
{
    return Qt::MoveAction;
}

} // namespace benchtop::models
