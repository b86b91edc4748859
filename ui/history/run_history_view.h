// SPDX-License-Identifier: MIT
#pragma once

#include "core/engine/engine_config.h"
#include "core/report/report.h"
#include "core/store/run_store.h"

#include <array>
#include <optional>

#include <QWidget>

class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QSplitter;
class QTableView;

namespace bidlab::ui {

class ChartView;
class RunArchive;
class RunListModel;

// The run history: past runs from the store, newest first. Opening a run draws its charts again; two
// selected runs can be overlaid to compare; a run can be re-run from its stored scenario or deleted. The
// open run (or the overlay) is what File > Export writes.
class RunHistoryView : public QWidget
{
    Q_OBJECT
public:
    explicit RunHistoryView(RunArchive* archive, QWidget* parent = nullptr);

    // The report of what is open; nullopt when nothing is.
    std::optional<report::Report> currentReport() const;

    RunListModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    // Selects the runs with these ids (one opens, two overlay).
    void selectRuns(const QList<qint64>& ids);
    void openSelected();
    void overlaySelected();
    void rerunSelected();
    void deleteSelected(bool confirm = true);
    // Ids of the runs on show (one, or two overlaid).
    QList<qint64> shownRuns() const;
    ChartView* chart(int index) const { return m_charts[std::size_t(index)]; }

    QByteArray saveState() const;
    void restoreState(const QByteArray& state);

Q_SIGNALS:
    void rerunRequested(const bidlab::engine::EngineConfig& config, const QString& runName);
    void reportChanged();
    void statusMessage(const QString& message, int timeoutMs);
    // A run or an overlay is on show (tests wait for it).
    void shown();

private:
    QList<qint64> selectedIds() const;
    void updateButtons();
    void show(const QList<store::StoredRun>& runs);
    static QString label(const store::StoredRun& run);

    RunArchive* m_archive;
    RunListModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QTableView* m_table;
    QSplitter* m_splitter;
    QLabel* m_heading;
    std::array<ChartView*, 4> m_charts {};
    QPushButton* m_open;
    QPushButton* m_overlay;
    QPushButton* m_rerun;
    QPushButton* m_delete;
    QList<store::StoredRun> m_shown;
    bool m_headerRestored = false;
    qint64 m_rerunId = -1; // a run to re-run once it is loaded
};

} // namespace bidlab::ui
