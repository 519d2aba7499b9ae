#include "widgets/sequencemaps/CutSites.h"

#include "bio/RestrictionScanner.h"

#include <QPromise>
#include <QThreadPool>

namespace benchtop::widgets::maps {

QList<MapCutSite> computeCutSites(const QByteArray &sequence, bio::Topology topology, EnzymeSet set)
{
    if (set == EnzymeSet::None || sequence.isEmpty())
        return {};
    // Compiling the commercial set once is most of a small scan's cost.
    static const bio::RestrictionScanner scanner = [] {
        bio::EnzymeFilter filter;
        filter.commercialOnly = true;
        return bio::RestrictionScanner(bio::RestrictionCatalogue::builtin().select(filter));
    }();
    bio::ScanOptions options = bio::ScanOptions::all();
    options.minimumSites = 1;
    if (set == EnzymeSet::UniqueCutters)
        options = bio::ScanOptions::uniqueCutters();
    else if (set == EnzymeSet::TwoCutters)
        options = bio::ScanOptions::twoCutters();
    const bio::RestrictionMap map = scanner.scan(sequence, topology, options);
    QList<MapCutSite> out;
    for (qsizetype e = 0; e < map.enzymes.size(); ++e) {
        const QList<qint64> cuts = map.topStrandCuts(e);
        const int count = int(map.siteCount(e));
        for (qint64 position : cuts)
            out.append({position, map.enzymes[e].name, count});
    }
    return out;
}

CutSiteJob::CutSiteJob(QObject *parent)
    : QObject(parent)
{
    connect(&m_watcher, &QFutureWatcherBase::finished, this, [this] {
        if (m_watcher.future().resultCount() > 0)
            Q_EMIT finished(m_watcher.future().result());
    });
}

void CutSiteJob::start(const QByteArray &sequence, bio::Topology topology, EnzymeSet set)
{
    // Setting a new future on the watcher drops the old one's signals: a superseded scan is
    // never reported.
    if (sequence.size() <= kSyncLimit) {
        m_watcher.setFuture(QFuture<QList<MapCutSite>>());
        Q_EMIT finished(computeCutSites(sequence, topology, set));
        return;
    }
    auto promise = std::make_shared<QPromise<QList<MapCutSite>>>();
    m_watcher.setFuture(promise->future());
    QThreadPool::globalInstance()->start([promise, sequence, topology, set] {
        promise->start();
        promise->addResult(computeCutSites(sequence, topology, set));
        promise->finish();
    });
}

} // namespace benchtop::widgets::maps
