import { useState } from 'react';
import { useClinic } from '@lib/clinic';
import { PatientFinder } from './PatientFinder';
import { RegisterPatient } from './RegisterPatient';
import { Worklist } from './Worklist';

/** Clinical staff's home: find or register a patient, and the clinic's recent screenings. */
export function ClinicHome() {
  const clinic = useClinic();
  const [registering, setRegistering] = useState(false);
  return (
    <>
      <title>{`Clinic home — ${clinic.clinicName}`}</title>
      <h1>Clinic home</h1>
      <div className="home-grid">
        <PatientFinder />
        <section className="card" aria-labelledby="register-heading">
          <h2 id="register-heading">Register a new patient</h2>
          {registering ? (
            <RegisterPatient onCancel={() => setRegistering(false)} />
          ) : (
            <>
              <p>New to the clinic? Register them, then hand them the tablet.</p>
              <button type="button" className="button" onClick={() => setRegistering(true)}>
                Register a new patient
              </button>
            </>
          )}
        </section>
      </div>
      <Worklist />
    </>
  );
}
