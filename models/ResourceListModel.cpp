#include "ResourceListModel.h"

#include "api/ListPager.h"
#include "resources/Inventory.h"
#include "resources/Sequences.h"
#include "store/ResourceStore.h"

#include <QJsonArray>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace benchtop::models {
namespace {

// A next page asked for within this long after the last one arrived continues a run of pages.
constexpr int kPagingPauseMs = 1500;

} // namespace

ResourceListModel::ResourceListModel(ApiClient *client, ResourceStore *store, ListEndpoint endpoint,
                                     QObject *parent)
    : QAbstractTableModel(parent)
    , m_client(client)
    , m_store(store)
    , m_endpoint(std::move(endpoint))
    , m_idle(new QTimer(this))
{
    m_idle->setSingleShot(true);
    m_idle->setInterval(kPagingPauseMs);
    connect(m_idle, &QTimer::timeout, this, &ResourceListModel::endLongWork);
    connect(m_store, &ResourceStore::changed, this, &ResourceListModel::onStoreChanged);
    connect(m_store, &ResourceStore::removed, this, &ResourceListModel::onStoreRemoved);
}

ResourceListModel::~ResourceListModel() = default;

void ResourceListModel::setSort(const QString &sort)
{
    if (sort == m_sort)
        return;
    m_sort = sort;
    restart();
}

void ResourceListModel::setFilter(const QString &parameter, const QString &value)
{
    if (m_filters.value(parameter) == value && (m_filters.contains(parameter) || value.isEmpty()))
        return;
    if (value.isEmpty())
        m_filters.remove(parameter);
    else
        m_filters.insert(parameter, value);
    restart();
}

void ResourceListModel::setMembership(std::function<bool(const QJsonObject &)> belongs)
{
    m_belongs = std::move(belongs);
}

bool ResourceListModel::belongs(const QJsonObject &resource) const
{
    if (m_belongs)
        return m_belongs(resource);
    const QString parents = m_filters.value(u"parentStorageIds"_s);
    return parents.isEmpty() || parents.split(u',').contains(ResourceStore::parentOf(resource));
}

// Only a resource of the listed kind, under a rule that says what belongs, once the listing is
// complete and the change is no longer pending.
bool ResourceListModel::mayJoin(const QString &id, const QJsonObject &resource) const
{
    if (m_state != LoadState::Loaded || m_endpoint.idPrefix.isEmpty() ||
        !id.startsWith(m_endpoint.idPrefix) || m_store->isPending(id) || resource.isEmpty())
        return false;
    if (!m_belongs && m_filters.value(u"parentStorageIds"_s).isEmpty())
        return false;
    return belongs(resource);
}

void ResourceListModel::setPageSize(int pageSize)
{
    m_pageSize = std::clamp(pageSize, 1, 100);
    restart();
}

void ResourceListModel::restart()
{
    if (m_pager) {
        endLongWork();
        m_pager->disconnect(this);
        m_pager->cancel();
        m_pager->deleteLater();
        m_pager = nullptr;
    }
    beginResetModel();
    m_ids.clear();
    m_rowOf.clear();
    m_state = LoadState::NotLoaded;
    m_error.clear();
    endResetModel();
}

int ResourceListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_ids.size());
}

int ResourceListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(columnTitles().size());
}

QVariant ResourceListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QString &id = m_ids.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(m_store->value(id), index.column());
    case Qt::ToolTipRole:
        return m_store->error(id).isEmpty() ? QVariant() : QVariant(m_store->error(id));
    case IdRole:
        return id;
    case ResourceRole:
        return m_store->value(id);
    case LoadStateRole:
        return int(m_store->isLoading(id)          ? LoadState::Loading
                   : !m_store->error(id).isEmpty() ? LoadState::Failed
                                                   : LoadState::Loaded);
    case ErrorRole:
        return m_store->error(id);
    case PendingRole:
        return m_store->isPending(id);
    default:
        return {};
    }
}

QVariant ResourceListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    return columnTitles().value(section);
}

bool ResourceListModel::canFetchMore(const QModelIndex &parent) const
{
    if (parent.isValid() || m_state == LoadState::Loading || m_state == LoadState::Failed)
        return false;
    return !m_pager || m_pager->hasMore();
}

void ResourceListModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    if (!m_pager) {
        QUrlQuery query;
        query.addQueryItem(u"pageSize"_s, QString::number(m_pageSize));
        if (!m_sort.isEmpty())
            query.addQueryItem(u"sort"_s, m_sort);
        for (auto it = m_filters.cbegin(); it != m_filters.cend(); ++it)
            query.addQueryItem(it.key(), it.value());
        m_pager = new ListPager(m_client, m_endpoint.path, m_endpoint.listKey, query, this);
        connect(m_pager, &ListPager::pageReady, this, &ResourceListModel::onPage);
        connect(m_pager, &ListPager::failed, this, &ResourceListModel::onFailed);
        connect(m_pager, &ListPager::cancelled, this, &ResourceListModel::onCancelled);
    }
    // The next page soon after the last one: a run of pages, worth showing (and cancelling).
    if (m_idle->isActive() && !m_announced) {
        m_announced = true;
        m_client->announceLongWork(m_pager, loadingLabel());
    }
    m_idle->stop();
    m_state = LoadState::Loading;
    m_pager->fetchNext();
}

void ResourceListModel::retry()
{
    if (m_state != LoadState::Failed)
        return;
    m_state = LoadState::NotLoaded;
    fetchMore({});
}

void ResourceListModel::onPage(const QJsonArray &items)
{
    // Into the store first, outside any insert: its changed() signals find no rows of ours yet.
    m_store->upsertMany(items);
    QStringList fresh;
    fresh.reserve(items.size());
    for (const QJsonValue &item : items) {
        const QString id = item[u"id"_s].toString();
        if (!id.isEmpty() && !m_rowOf.contains(id))
            fresh.append(id);
    }
    fresh.removeDuplicates();
    m_state = m_pager->hasMore() ? LoadState::NotLoaded : LoadState::Loaded;
    if (!fresh.isEmpty()) {
        const int first = int(m_ids.size());
        beginInsertRows({}, first, first + int(fresh.size()) - 1);
        for (const QString &id : std::as_const(fresh)) {
            m_rowOf.insert(id, int(m_ids.size()));
            m_ids.append(id);
        }
        endInsertRows();
    }
    if (m_pager->hasMore())
        m_idle->start();
    else
        endLongWork();
    Q_EMIT pageLoaded(!m_pager->hasMore());
}

QString ResourceListModel::loadingLabel() const
{
    return tr("Loading %1").arg(m_endpoint.listKey);
}

void ResourceListModel::onCancelled()
{
    // Cancelled from the status bar: keep the rows there are and ask for no more (a new sort
    // or filter starts the listing again).
    m_idle->stop();
    m_announced = false;
    if (m_state != LoadState::Failed)
        m_state = LoadState::Loaded;
    Q_EMIT pageLoaded(true);
}

void ResourceListModel::endLongWork()
{
    m_idle->stop();
    if (!m_announced)
        return;
    m_announced = false;
    m_client->endLongWork(m_pager);
}

void ResourceListModel::onFailed(const ApiError &error)
{
    endLongWork();
    m_state = LoadState::Failed;
    m_error = error.displayMessage();
    Q_EMIT loadFailed(m_error);
}

void ResourceListModel::onStoreChanged(const QString &id)
{
    const int row = m_rowOf.value(id, -1);
    const QJsonObject resource = m_store->value(id);
    // A pending change may still roll back: the row stays (showing it pending) until it lands.
    const bool settled = !m_store->isPending(id);
    if (row >= 0) {
        if (settled && !belongs(resource))
            removeRow(row);
        else
            Q_EMIT dataChanged(index(row, 0), index(row, columnCount() - 1));
        return;
    }
    if (mayJoin(id, resource)) {
        const int last = int(m_ids.size());
        beginInsertRows({}, last, last);
        m_rowOf.insert(id, last);
        m_ids.append(id);
        endInsertRows();
    }
}

void ResourceListModel::onStoreRemoved(const QString &id)
{
    const int row = m_rowOf.value(id, -1);
    if (row >= 0)
        removeRow(row);
}

void ResourceListModel::removeRow(int row)
{
    beginRemoveRows({}, row, row);
    m_rowOf.remove(m_ids.takeAt(row));
    for (int i = row; i < m_ids.size(); ++i)
        m_rowOf[m_ids.at(i)] = i;
    endRemoveRows();
}

// ---- thin subclasses: they only format ----------------------------------------------------

ContainerListModel::ContainerListModel(ApiClient *client, ResourceStore *store, QObject *parent)
    : ResourceListModel(client, store, {u"/containers"_s, u"containers"_s, u"con_"_s}, parent)
{}

QStringList ContainerListModel::columnTitles() const
{
    return {tr("Name"), tr("Barcode"), tr("Storage"), tr("Position"), tr("Quantity")};
}

QVariant ContainerListModel::display(const QJsonObject &resource, int column) const
{
    const Container container(resource);
    switch (column) {
    case NameColumn:
        return container.name();
    case BarcodeColumn:
        return container.barcode();
    case StorageColumn: {
        const QString storage = container.storageId();
        const QString name = store()->value(storage).value(u"name"_s).toString();
        return name.isEmpty() ? storage : name;
    }
    case PositionColumn:
        return container.position();
    case QuantityColumn:
        return container.quantityUnits().isEmpty()
                   ? QString()
                   : QString(QString::number(container.quantityValue()) + u' ' +
                             container.quantityUnits());
    default:
        return {};
    }
}

SequenceListModel::SequenceListModel(ApiClient *client, ResourceStore *store, ListEndpoint endpoint,
                                     QObject *parent)
    : ResourceListModel(client, store, std::move(endpoint), parent)
{}

QStringList SequenceListModel::columnTitles() const
{
    return {tr("Name"), tr("Length"), tr("Topology")};
}

QVariant SequenceListModel::display(const QJsonObject &resource, int column) const
{
    switch (column) {
    case 0:
        return resource.value(u"name"_s).toString();
    case 1: {
        const QJsonValue length = resource.value(u"length"_s);
        return length.isDouble()
                   ? length.toInteger()
                   : qint64(resource
                                .value(resource.contains(u"aminoAcids"_s) ? u"aminoAcids"_s
                                                                          : u"bases"_s)
                                .toString()
                                .size());
    }
    case 2:
        return resource.contains(u"aminoAcids"_s)         ? QString()
               : resource.value(u"isCircular"_s).toBool() ? tr("circular")
                                                          : tr("linear");
    default:
        return {};
    }
}

EntryListModel::EntryListModel(ApiClient *client, ResourceStore *store, QObject *parent)
    : ResourceListModel(client, store, {u"/entries"_s, u"entries"_s, u"etr_"_s}, parent)
{}

QStringList EntryListModel::columnTitles() const
{
    return {tr("Name"), tr("ID"), tr("Modified")};
}

QVariant EntryListModel::display(const QJsonObject &resource, int column) const
{
    switch (column) {
    case 0:
        return resource.value(u"name"_s).toString();
    case 1:
        return resource.value(u"displayId"_s).toString();
    case 2:
        return resource.value(u"modifiedAt"_s).toString();
    default:
        return {};
    }
}

} // namespace benchtop::models

namespace benchtop::models {

QString ContainerListModel::loadingLabel() const
{
    return tr("Loading containers");
}

QString SequenceListModel::loadingLabel() const
{
    return tr("Loading sequences");
}

QString EntryListModel::loadingLabel() const
{
    return tr("Loading entries");
}

} // namespace benchtop::models
