// Restriction cut sites for the maps: which enzymes (unique cutters, two-cutters, all commercial
// ones), scanned with bio::RestrictionScanner — on the calling thread for small molecules and on
// the thread pool for big ones, so opening a genome never blocks the GUI.
#pragma once

#include "widgets/sequencemaps/MapData.h"

#include <QFutureWatcher>
#include <QObject>

namespace benchtop::widgets::maps {

enum class EnzymeSet { None, UniqueCutters, TwoCutters, All };

// Every top-strand cut of the commercial enzymes of the built-in catalogue in `set`.
QList<MapCutSite> computeCutSites(const QByteArray &sequence, bio::Topology topology,
                                  EnzymeSet set);

// Runs computeCutSites off the GUI thread when the sequence is longer than `syncLimit`; a newer
// request supersedes an older one (its result is dropped).
class CutSiteJob : public QObject
{
    Q_OBJECT
public:
    explicit CutSiteJob(QObject *parent = nullptr);
    static constexpr qint64 kSyncLimit = 200'000;

    void start(const QByteArray &sequence, bio::Topology topology, EnzymeSet set);
    bool isRunning() const { return m_watcher.isRunning(); }

Q_SIGNALS:
    void finished(const QList<benchtop::widgets::maps::MapCutSite> &sites);

private:
    QFutureWatcher<QList<MapCutSite>> m_watcher;
};

} // namespace benchtop::widgets::maps
