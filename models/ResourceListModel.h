// A flat list of one kind of resource from a Benchling list endpoint, fetched lazily a page at a
// time as the view scrolls (canFetchMore/fetchMore), sorted and filtered by the server (sort and
// filter query parameters; changing them starts the listing again). Rows hold ids only; values
// come from the ResourceStore, so a change made through any model of the same store shows here
// with no request. Paging through many pages in a row shows in the status bar (ApiClient's
// long-work registry), where Cancel stops the paging and leaves the rows fetched so far.
// Subclasses only format: they name the columns and say what each shows.
#pragma once

#include "Roles.h"
#include "api/ApiError.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QJsonObject>
#include <QUrlQuery>

#include <functional>

class QTimer;

namespace benchtop::models {

class ApiClient;
class ListPager;
class ResourceStore;

struct ListEndpoint
{
    QString path;          // "/containers"
    QString listKey;       // "containers"
    QString idPrefix = {}; // "con_": lets resources of this kind join the list as they change
};

class ResourceListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    ResourceListModel(ApiClient *client, ResourceStore *store, ListEndpoint endpoint,
                      QObject *parent = nullptr);
    ~ResourceListModel() override;

    // Server-side order ("name:asc", "modifiedAt:desc"); empty for the server's default.
    void setSort(const QString &sort);
    QString sort() const { return m_sort; }
    // A server-side filter (parameter name -> value, e.g. "parentStorageIds" -> "box_x");
    // an empty value removes it.
    void setFilter(const QString &parameter, const QString &value);
    void setPageSize(int pageSize);
    // Which resources belong in the list, for keeping it right as the store changes: a row whose
    // resource (no longer pending) stops belonging leaves; one that comes to belong joins at
    // the end once the listing is complete (the server's order returns with the next listing).
    // A "parentStorageIds" filter sets this by itself; other filters need it set to follow.
    void setMembership(std::function<bool(const QJsonObject &)> belongs);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    QString idAt(int row) const { return m_ids.value(row); }
    int rowOf(const QString &id) const { return m_rowOf.value(id, -1); }
    LoadState loadState() const { return m_state; }
    QString errorMessage() const { return m_error; }
    // Tries a failed page again.
    void retry();

Q_SIGNALS:
    void pageLoaded(bool complete);
    void loadFailed(const QString &message);

protected:
    // The column titles; their count is the column count.
    virtual QStringList columnTitles() const = 0;
    // What `column` shows for `resource` (DisplayRole).
    virtual QVariant display(const QJsonObject &resource, int column) const = 0;
    // The status bar's label while paging through many pages ("Loading containers").
    virtual QString loadingLabel() const;
    ResourceStore *store() const { return m_store; }

private:
    void restart();
    void onPage(const QJsonArray &items);
    void onCancelled();
    void endLongWork();
    void onFailed(const ApiError &error);
    void onStoreChanged(const QString &id);
    void onStoreRemoved(const QString &id);
    void removeRow(int row);
    bool belongs(const QJsonObject &resource) const;
    bool mayJoin(const QString &id, const QJsonObject &resource) const;

    ApiClient *m_client;
    ResourceStore *m_store;
    ListEndpoint m_endpoint;
    QString m_sort;
    QMap<QString, QString> m_filters;
    std::function<bool(const QJsonObject &)> m_belongs;
    int m_pageSize = 100;
    ListPager *m_pager = nullptr;
    QStringList m_ids;
    QHash<QString, int> m_rowOf;
    LoadState m_state = LoadState::NotLoaded;
    QString m_error;
    // Paging page after page (the next page asked for soon after the last arrived) is long
    // work: announced to the client's long-work registry, ended when the paging pauses.
    QTimer *m_idle;
    bool m_announced = false;
};

// Containers: name, barcode, where they are, what they hold.
class ContainerListModel : public ResourceListModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, BarcodeColumn, StorageColumn, PositionColumn, QuantityColumn };
    ContainerListModel(ApiClient *client, ResourceStore *store, QObject *parent = nullptr);

protected:
    QStringList columnTitles() const override;
    QVariant display(const QJsonObject &resource, int column) const override;
    QString loadingLabel() const override;
};

// DNA, RNA or AA sequences (the endpoint says which): name, length, topology.
class SequenceListModel : public ResourceListModel
{
    Q_OBJECT
public:
    SequenceListModel(ApiClient *client, ResourceStore *store, ListEndpoint endpoint,
                      QObject *parent = nullptr);

protected:
    QStringList columnTitles() const override;
    QVariant display(const QJsonObject &resource, int column) const override;
    QString loadingLabel() const override;
};

// Notebook entries: name, display id, last change.
class EntryListModel : public ResourceListModel
{
    Q_OBJECT
public:
    EntryListModel(ApiClient *client, ResourceStore *store, QObject *parent = nullptr);

protected:
    QStringList columnTitles() const override;
    QVariant display(const QJsonObject &resource, int column) const override;
    QString loadingLabel() const override;
};

} // namespace benchtop::models
