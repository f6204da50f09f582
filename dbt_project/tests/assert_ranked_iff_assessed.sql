-- Ranked exactly when assessed; cluster ranks only inside their cluster.
select region_code, assessment_year
from {{ ref('region_index') }}
where (predicate = 'Tidak Dapat Dinilai') <> (rank_level is null)
   or (rank_level is null) <> (rank_island is null)
   or (rank_tertinggal is not null and not is_tertinggal)
   or (rank_papua is not null and not is_papua)
   or (is_tertinggal and predicate <> 'Tidak Dapat Dinilai' and rank_tertinggal is null)
   or (is_papua and predicate <> 'Tidak Dapat Dinilai' and rank_papua is null)
