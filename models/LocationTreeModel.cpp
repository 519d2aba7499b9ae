#include "LocationTreeModel.h"

#include "api/ListPager.h"
#include "inventory/ContainerMime.h"
#include "inventory/InventoryMover.h"
#include "store/ResourceStore.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QMimeData>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace benchtop::models {

namespace {
struct Collection
{
    QString path;
    QString listKey;
};
const Collection kPhases[] = {
    {u"/locations"_s, u"locations"_s}, {u"/boxes"_s, u"boxes"_s}, {u"/plates"_s, u"plates"_s}};

bool isStorage(const QString &id)
{
    return id.startsWith(u"box_"_s) || id.startsWith(u"plt_"_s);
}
} // namespace

struct LocationTreeModel::Node
{
    QString id; // empty for the root
    Node *parent = nullptr;
    std::vector<std::unique_ptr<Node>> children;
    LoadState state = LoadState::NotLoaded;
    QString error;
    ListPager *pager = nullptr;
    int phase = 0; // which collection the listing walks: locations, then boxes, then plates

    int row() const
    {
        const auto &siblings = parent->children;
        const auto it = std::find_if(siblings.begin(), siblings.end(),
                                     [this](const auto &child) { return child.get() == this; });
        return static_cast<int>(it - siblings.begin());
    }
};

LocationTreeModel::LocationTreeModel(ApiClient *client, ResourceStore *store, QObject *parent)
    : QAbstractItemModel(parent)
    , m_client(client)
    , m_store(store)
    , m_root(std::make_unique<Node>())
{
    // "Shelf 2" before "Shelf 10", as people number things. The C locale (no LANG set) has no
    // collation rules of its own, so numeric order needs a real one there.
    if (m_collator.locale().language() == QLocale::C)
        m_collator.setLocale(QLocale(QLocale::English));
    m_collator.setNumericMode(true);
    m_collator.setCaseSensitivity(Qt::CaseInsensitive);
    connect(m_store, &ResourceStore::changed, this, &LocationTreeModel::onStoreChanged);
    connect(m_store, &ResourceStore::removed, this, &LocationTreeModel::onStoreRemoved);
    // A box's tubes listed in full: its count comes from them from now on.
    connect(m_store, &ResourceStore::childrenComplete, this, &LocationTreeModel::invalidateFilled);
}

LocationTreeModel::~LocationTreeModel() = default;

LocationTreeModel::Node *LocationTreeModel::nodeFor(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex LocationTreeModel::indexFor(const Node *node, int column) const
{
    if (node == m_root.get())
        return {};
    return createIndex(node->row(), column, const_cast<Node *>(node));
}

QModelIndex LocationTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount || parent.column() > 0)
        return {};
    const Node *node = nodeFor(parent);
    if (row >= static_cast<int>(node->children.size()))
        return {};
    return createIndex(row, column, node->children[static_cast<size_t>(row)].get());
}

QModelIndex LocationTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    return indexFor(nodeFor(child)->parent);
}

int LocationTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    return static_cast<int>(nodeFor(parent)->children.size());
}

int LocationTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant LocationTreeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node *node = nodeFor(index);
    const QJsonObject location = m_store->value(node->id);
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == FilledColumn) {
            const auto [filled, total] = filledOf(node->id);
            return total > 0 ? tr("%1 / %2").arg(filled).arg(total) : QString();
        }
        return index.column() == NameColumn ? location.value(u"name"_s).toString()
                                            : location.value(u"barcode"_s).toString();
    case Qt::TextAlignmentRole:
        return index.column() == FilledColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                              : QVariant();
    case Qt::ToolTipRole: {
        const QString schema = location.value(u"schema"_s).toObject().value(u"name"_s).toString();
        return tr("%1\nBarcode: %2\nType: %3")
            .arg(location.value(u"name"_s).toString(), location.value(u"barcode"_s).toString(),
                 schema.isEmpty() ? tr("location") : schema);
    }
    case IdRole:
        return node->id;
    case ResourceRole:
        return location;
    case LoadStateRole:
        return static_cast<int>(node->state);
    case ErrorRole:
        return node->error;
    default:
        return {};
    }
}

QVariant LocationTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case BarcodeColumn:
        return tr("Barcode");
    case FilledColumn:
        return tr("Filled");
    default:
        return {};
    }
}

bool LocationTreeModel::subtreeKnown(const Node *node) const
{
    for (const Node *n = node; n; n = n->parent)
        if (m_subtreeComplete.contains(n->id))
            return true;
    return false;
}

bool LocationTreeModel::hasChildren(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return false;
    const Node *node = nodeFor(parent);
    if (!node->children.empty())
        return true;
    if (isStorage(node->id))
        return false;
    if (subtreeKnown(node))
        return !m_childrenSeen.value(node->id).isEmpty();
    return true; // not listed yet: offer to expand, listing tells
}

bool LocationTreeModel::canFetchMore(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return false;
    const Node *node = nodeFor(parent);
    if (isStorage(node->id))
        return false;
    // After a failure only retry() tries again: views call fetchMore on every layout, and would
    // otherwise hammer a server that is down (and wipe the error before anyone reads it).
    if (node->state == LoadState::Loading || node->state == LoadState::Failed)
        return false;
    if (subtreeKnown(node))
        return node->children.size() < static_cast<size_t>(m_childrenSeen.value(node->id).size());
    return !node->pager || node->pager->hasMore();
}

void LocationTreeModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    Node *node = nodeFor(parent);
    // Views call fetchMore from inside their slots for other changes (even between a model's
    // begin/end pair), so nothing is inserted or signalled from here: the work runs on the next
    // turn of the event loop. Loading already, so a second call is a no-op.
    node->state = LoadState::Loading;
    QMetaObject::invokeMethod(
        this,
        [this, id = node->id] {
            Node *pending = nodeById(id);
            if (!pending)
                return; // removed meanwhile (it moved elsewhere)
            if (!subtreeKnown(pending)) {
                startListing(pending);
                return;
            }
            insertKnownChildren(pending);
            pending->state = LoadState::Loaded;
            const QModelIndex index = indexFor(pending);
            if (pending != m_root.get())
                Q_EMIT dataChanged(index, index, {LoadStateRole, ErrorRole});
            Q_EMIT loadFinished(index, true);
        },
        Qt::QueuedConnection);
}

LocationTreeModel::Node *LocationTreeModel::nodeById(const QString &id) const
{
    return id.isEmpty() ? m_root.get() : m_nodes.value(id);
}

void LocationTreeModel::startListing(Node *node)
{
    if (!node->pager) {
        QUrlQuery query;
        query.addQueryItem(u"pageSize"_s, u"100"_s);
        query.addQueryItem(u"sort"_s, u"name:asc"_s);
        if (!node->id.isEmpty())
            query.addQueryItem(u"ancestorStorageId"_s, node->id);
        const Collection &collection = kPhases[node->phase];
        node->pager = new ListPager(m_client, collection.path, collection.listKey, query, this);
        // By id, not pointer: the node may be gone (moved away) when the page arrives.
        connect(node->pager, &ListPager::pageReady, this,
                [this, id = node->id](const QJsonArray &items) {
                    if (Node *target = nodeById(id))
                        onPage(target, items);
                });
        connect(node->pager, &ListPager::failed, this,
                [this, id = node->id](const ApiError &error) {
                    if (Node *target = nodeById(id))
                        onFailed(target, error);
                });
    }
    node->state = LoadState::Loading;
    node->error.clear();
    if (node != m_root.get()) {
        const QModelIndex index = indexFor(node);
        Q_EMIT dataChanged(index, index, {LoadStateRole, ErrorRole});
    }
    node->pager->fetchNext();
}

void LocationTreeModel::recordSeen(const QJsonObject &location)
{
    const QString id = location.value(u"id"_s).toString();
    const QString parentId = location.value(u"parentStorageId"_s).toString();
    const auto previous = m_parentOf.constFind(id);
    if (previous != m_parentOf.constEnd() && *previous != parentId) {
        // It moved: it leaves its old place (rows and all) and appears under the new parent.
        const QString left = *previous;
        m_childrenSeen[left].removeOne(id);
        if (Node *moved = m_nodes.value(id))
            removeNode(moved);
        // After the change: whoever redraws on dataChanged must count it gone.
        invalidateFilled(left);
    }
    m_parentOf.insert(id, parentId);
    QStringList &siblings = m_childrenSeen[parentId];
    if (siblings.contains(id))
        return;
    const auto at =
        std::lower_bound(siblings.begin(), siblings.end(), id,
                         [this](const QString &a, const QString &b) { return lessThan(a, b); });
    siblings.insert(at, id);
    invalidateFilled(parentId); // one more below it to count
}

void LocationTreeModel::removeNode(Node *node)
{
    Node *parent = node->parent;
    const int row = node->row();
    beginRemoveRows(indexFor(parent), row, row);
    forget(node);
    parent->children.erase(parent->children.begin() + row);
    endRemoveRows();
}

void LocationTreeModel::forget(Node *node)
{
    for (const auto &child : node->children)
        forget(child.get());
    m_nodes.remove(node->id);
    if (node->pager)
        node->pager->deleteLater(); // its replies die with it; its lambdas look up by id
}

bool LocationTreeModel::lessThan(const QString &a, const QString &b) const
{
    // Locations first, then the boxes and plates kept there.
    if (isStorage(a) != isStorage(b))
        return !isStorage(a);
    const int byName = m_collator.compare(m_store->value(a).value(u"name"_s).toString(),
                                          m_store->value(b).value(u"name"_s).toString());
    return byName != 0 ? byName < 0 : a < b;
}

// Brings a node's rows up to what the listings have shown of its children, in name order.
void LocationTreeModel::insertKnownChildren(Node *node)
{
    const QStringList &seen = m_childrenSeen.value(node->id);
    const QModelIndex parentIndex = indexFor(node);
    if (node->children.empty() && !seen.isEmpty()) {
        beginInsertRows(parentIndex, 0, static_cast<int>(seen.size()) - 1);
        for (const QString &id : seen) {
            auto child =
                std::make_unique<Node>(Node{id, node, {}, LoadState::NotLoaded, {}, nullptr, 0});
            m_nodes.insert(id, child.get());
            node->children.push_back(std::move(child));
        }
        endInsertRows();
        return;
    }
    for (const QString &id : seen) {
        if (m_nodes.contains(id))
            continue;
        // Both lists are in the same order, so the new row goes where lessThan puts it.
        const auto at =
            std::lower_bound(node->children.begin(), node->children.end(), id,
                             [this](const std::unique_ptr<Node> &child, const QString &newId) {
                                 return lessThan(child->id, newId);
                             });
        const int row = static_cast<int>(at - node->children.begin());
        beginInsertRows(parentIndex, row, row);
        auto child =
            std::make_unique<Node>(Node{id, node, {}, LoadState::NotLoaded, {}, nullptr, 0});
        m_nodes.insert(id, child.get());
        node->children.insert(node->children.begin() + row, std::move(child));
        endInsertRows();
    }
}

void LocationTreeModel::onPage(Node *node, const QJsonArray &items)
{
    QSet<QString> parentsTouched;
    for (const QJsonValue &item : items) {
        const QJsonObject location = item.toObject();
        m_store->upsert(location);
        recordSeen(location);
        parentsTouched.insert(location.value(u"parentStorageId"_s).toString());
    }
    const size_t rowsBefore = node->children.size();
    bool complete = !node->pager->hasMore();
    if (complete && m_showsStorage && node->phase + 1 < int(std::size(kPhases))) {
        // Locations listed: the boxes, then the plates below this node follow at once.
        ++node->phase;
        node->pager->deleteLater();
        node->pager = nullptr;
        complete = false;
        node->state = LoadState::Loaded;
        insertKnownChildren(node);
        startListing(node);
        return;
    }
    if (complete)
        m_subtreeComplete.insert(node->id);
    node->state = LoadState::Loaded;
    insertKnownChildren(node);
    // Keep every other expanded node in step with what this listing showed below it.
    for (const QString &parentId : std::as_const(parentsTouched)) {
        Node *other = nodeById(parentId);
        if (other && other != node && other->state == LoadState::Loaded && !other->children.empty())
            insertKnownChildren(other);
    }
    const QModelIndex index = indexFor(node);
    if (node != m_root.get())
        Q_EMIT dataChanged(index, index, {LoadStateRole, ErrorRole});
    // A page may hold only deeper descendants; keep going until a row shows or none are left.
    if (!complete && node->children.size() == rowsBefore) {
        startListing(node);
        return;
    }
    Q_EMIT loadFinished(index, complete);
}

void LocationTreeModel::onFailed(Node *node, const ApiError &error)
{
    node->state = LoadState::Failed;
    node->error = error.displayMessage();
    const QModelIndex index = indexFor(node);
    if (node != m_root.get())
        Q_EMIT dataChanged(index, index, {LoadStateRole, ErrorRole});
    Q_EMIT loadFailed(index, node->error);
}

QModelIndex LocationTreeModel::indexForId(const QString &id) const
{
    const Node *node = m_nodes.value(id);
    return node ? indexFor(node) : QModelIndex();
}

LoadState LocationTreeModel::loadState(const QModelIndex &parent) const
{
    return nodeFor(parent)->state;
}

void LocationTreeModel::retry(const QModelIndex &parent)
{
    Node *node = nodeFor(parent);
    if (node->state == LoadState::Failed)
        startListing(node);
}

void LocationTreeModel::onStoreChanged(const QString &id)
{
    // A location that moved (another view's command, or a fresher listing) leaves its old row
    // and appears under its new parent if that parent's rows are showing.
    const QJsonObject location = m_store->value(id);
    if (id.startsWith(u"con_"_s)) {
        // A tube moved: the counts of the box it left and the one it joined change.
        const QString now = ResourceStore::parentOf(location);
        const QString before = m_containerParent.value(id);
        m_containerParent.insert(id, now);
        if (before == now)
            return; // the same place: no count changes
        for (const QString &storage : {before, now}) {
            invalidateFilled(storage);
            if (const Node *node = m_nodes.value(storage))
                Q_EMIT dataChanged(indexFor(node, FilledColumn), indexFor(node, FilledColumn),
                                   {Qt::DisplayRole});
        }
        return;
    }
    // A box's or plate's capacity fields (or wells) may have changed.
    if (isStorage(id))
        invalidateFilled(id);
    const auto known = m_parentOf.constFind(id);
    const QString parentId = location.value(u"parentStorageId"_s).toString();
    if (known != m_parentOf.constEnd() && *known != parentId) {
        recordSeen(location);
        Node *newParent = nodeById(parentId);
        if (newParent && newParent->state == LoadState::Loaded)
            insertKnownChildren(newParent);
        return;
    }
    if (const Node *node = m_nodes.value(id)) {
        Q_EMIT dataChanged(indexFor(node, NameColumn), indexFor(node, ColumnCount - 1),
                           {Qt::DisplayRole, Qt::ToolTipRole, ResourceRole});
    }
}

void LocationTreeModel::onStoreRemoved(const QString &id)
{
    // A tube gone from the store no longer counts in its box; a box or plate gone counts nothing.
    if (const auto tube = m_containerParent.constFind(id); tube != m_containerParent.constEnd()) {
        const QString storage = *tube;
        m_containerParent.erase(tube);
        invalidateFilled(storage);
    }
    invalidateFilled(id);
}

void LocationTreeModel::invalidateFilled(const QString &id)
{
    QSet<QString> walked; // a parent loop in bad data must not hang the walk
    for (QString at = id; !walked.contains(at);) {
        walked.insert(at);
        if (m_filled.remove(at) > 0) {
            if (const Node *node = m_nodes.value(at); node && !at.isEmpty())
                Q_EMIT dataChanged(indexFor(node, FilledColumn), indexFor(node, FilledColumn),
                                   {Qt::DisplayRole});
        }
        const auto up = m_parentOf.constFind(at);
        if (at.isEmpty() || up == m_parentOf.constEnd())
            break;
        at = *up;
    }
}

std::pair<int, int> LocationTreeModel::filledOf(const QString &id) const
{
    if (const auto kept = m_filled.constFind(id); kept != m_filled.constEnd())
        return *kept;
    ++m_filledComputations;
    std::pair<int, int> counts{0, 0};
    const QJsonObject resource = m_store->value(id);
    if (isStorage(id)) {
        const QJsonValue total = resource.value(u"totalCapacity"_s);
        if (total.isNull() || total.isUndefined()) { // a fixed well plate: its wells
            const int wells = int(resource.value(u"wells"_s).toObject().size());
            counts = {wells, wells};
        } else if (m_store->childrenListed(id)) {
            // Once the tubes are held, the store knows better than the last listing. The tubes
            // counted are noted: one leaving (or gone) changes this count.
            const QStringList tubes = m_store->childrenOf(id);
            for (const QString &tube : tubes)
                m_containerParent.insert(tube, id);
            counts = {int(tubes.size()), total.toInt()};
        } else {
            counts = {resource.value(u"occupiedCapacity"_s).toInt(), total.toInt()};
        }
    } else {
        for (const QString &child : m_childrenSeen.value(id)) {
            const auto [f, t] = filledOf(child);
            counts.first += f;
            counts.second += t;
        }
    }
    m_filled.insert(id, counts);
    return counts;
}

QStringList LocationTreeModel::pathOf(const QString &id) const
{
    QStringList names;
    QSet<QString> seen;
    for (QString at = id; !at.isEmpty() && !seen.contains(at);
         at = m_store->value(at).value(u"parentStorageId"_s).toString().section(u':', 0, 0)) {
        seen.insert(at);
        const QString name = m_store->value(at).value(u"name"_s).toString();
        names.prepend(name.isEmpty() ? at : name);
    }
    return names;
}

Qt::ItemFlags LocationTreeModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags flags = QAbstractItemModel::flags(index);
    if (index.isValid() && nodeFor(index)->id.startsWith(u"loc_"_s))
        flags |= Qt::ItemIsDropEnabled;
    return flags;
}

QStringList LocationTreeModel::mimeTypes() const
{
    return {QString::fromLatin1(kContainerMimeType)};
}

bool LocationTreeModel::canDropMimeData(const QMimeData *data, Qt::DropAction action, int, int,
                                        const QModelIndex &parent) const
{
    if (action != Qt::MoveAction || !parent.isValid())
        return false;
    const QString target = nodeFor(parent)->id;
    if (!target.startsWith(u"loc_"_s))
        return false;
    const ContainerPayload payload = decodeContainers(data);
    return std::any_of(payload.containers.cbegin(), payload.containers.cend(),
                       [&](const DraggedContainer &c) { return c.storageId != target; });
}

bool LocationTreeModel::dropMimeData(const QMimeData *data, Qt::DropAction action, int row,
                                     int column, const QModelIndex &parent)
{
    if (!canDropMimeData(data, action, row, column, parent))
        return false;
    const QString target = nodeFor(parent)->id;
    QList<ContainerMove> moves;
    for (const DraggedContainer &c : decodeContainers(data).containers)
        if (c.storageId != target)
            moves.append({c.id, target, {}});
    if (m_mover) {
        m_mover->move(moves);
    } else {
        auto *command = new ContainerMoveCommand(m_client, m_store, moves, this);
        connect(command, &StoreCommand::finished, command, &QObject::deleteLater);
        command->start();
    }
    return true;
}

Qt::DropActions LocationTreeModel::supportedDropActions() const
{
    return Qt::MoveAction;
}

} // namespace benchtop::models
