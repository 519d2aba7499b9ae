#include "BarcodeLookup.h"

#include "models/api/ApiClient.h"
#include "models/resources/Inventory.h"
#include "models/store/ResourceStore.h"

#include <QJsonArray>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace benchtop::models {

namespace {

struct Family
{
    QString kind;
    QString path;
    QString listKey;
};

const QList<Family> &families()
{
    static const QList<Family> list = {{u"container"_s, u"/containers"_s, u"containers"_s},
                                       {u"box"_s, u"/boxes"_s, u"boxes"_s},
                                       {u"plate"_s, u"/plates"_s, u"plates"_s},
                                       {u"location"_s, u"/locations"_s, u"locations"_s}};
    return list;
}

} // namespace

BarcodeLookup::BarcodeLookup(ApiClient *client, ResourceStore *store, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_store(store)
{
    qRegisterMetaType<LookupHit>();
}

void BarcodeLookup::lookup(const QString &text, Mode mode)
{
    ++m_generation; // answers of an earlier lookup are ignored
    m_text = text.trimmed();
    m_mode = mode;
    m_byName = false;
    if (m_text.isEmpty()) {
        m_pending = 0;
        Q_EMIT notFound(m_text);
        return;
    }
    ask(u"barcodes"_s);
}

void BarcodeLookup::ask(const QString &parameter)
{
    m_hits.clear();
    m_error.clear();
    m_pending = int(families().size());
    for (int i = 0; i < families().size(); ++i) {
        const Family &family = families().at(i);
        QUrlQuery query;
        query.addQueryItem(parameter, m_text);
        query.addQueryItem(u"pageSize"_s, u"5"_s);
        ApiReply *reply = m_client->get(family.path, query, this);
        const int generation = m_generation;
        connect(reply, &ApiReply::finished, this, [=, this] {
            reply->deleteLater();
            if (generation == m_generation)
                onAnswer(reply, i, family.kind, family.listKey);
        });
    }
}

void BarcodeLookup::onAnswer(ApiReply *reply, int order, const QString &kind,
                             const QString &listKey)
{
    --m_pending;
    if (reply->ok()) {
        const QJsonArray items = reply->json().object().value(listKey).toArray();
        if (!items.isEmpty()) {
            const QJsonObject resource = items.first().toObject();
            if (m_store)
                m_store->upsertMany(items);
            LookupHit hit;
            hit.kind = kind;
            hit.id = resource.value(u"id"_s).toString();
            hit.resource = resource;
            if (kind == u"container"_s) {
                const Container container(resource);
                hit.storageId = container.storageId();
                hit.position = container.position();
                if (hit.position.isEmpty() && m_store)
                    hit.position = Container(m_store->value(hit.id)).position();
            } else {
                hit.storageId = ResourceStore::parentOf(resource);
            }
            m_hits.append({order, hit});
        }
    } else if (!(reply->error().httpStatus == 400 && !m_byName)) {
        // A 400 to ?barcodes= means "no such barcode here"; anything else is a real failure.
        m_error = reply->error().displayMessage();
    }
    if (m_pending == 0)
        settle();
}

void BarcodeLookup::settle()
{
    if (!m_hits.isEmpty()) {
        std::sort(m_hits.begin(), m_hits.end(),
                  [](const auto &a, const auto &b) { return a.first < b.first; });
        Q_EMIT found(m_hits.first().second);
        return;
    }
    if (!m_error.isEmpty()) {
        Q_EMIT failed(m_error);
        return;
    }
    if (!m_byName && m_mode == Mode::BarcodeThenName) {
        m_byName = true;
        ask(u"nameIncludes"_s);
        return;
    }
    Q_EMIT notFound(m_text);
}

} // namespace benchtop::models
