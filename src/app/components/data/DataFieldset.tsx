// The Data section of the experiment form: the data-set fields, then what the worker made of the selection
// (progress, error, summary with samples), importing files, and the browser's cached copies.
import { memo } from 'react';
import { CachedData } from './CachedData';
import { DataErrorBox } from './DataErrorBox';
import { DataFields } from './DataFields';
import { DataImport } from './DataImport';
import { DataProgressBar } from './DataProgressBar';
import { DataSummary } from './DataSummary';
import { PresetNotice } from './PresetNotice';
import { useAutoLoad } from './useAutoLoad';
import './data.css';

export const DataFieldset = memo(function DataFieldset() {
  useAutoLoad();
  return (
    <fieldset className="data-fieldset">
      <legend>Data</legend>
      <DataFields />
      <PresetNotice />
      <DataProgressBar />
      <DataErrorBox />
      <DataSummary />
      <DataImport />
      <CachedData />
    </fieldset>
  );
});
